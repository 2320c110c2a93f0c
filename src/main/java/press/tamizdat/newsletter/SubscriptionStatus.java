package press.tamizdat.newsletter;

import java.util.Set;

/**
 * Where one subscriber's subscription to one newsletter is: pending until the address is confirmed,
 * active, or unsubscribed. A new signup makes an unsubscribed one pending again, to be confirmed; the
 * preferences page (its link proves the address) makes any of them active or unsubscribed at once.
 */
enum SubscriptionStatus {
    PENDING,
    ACTIVE,
    UNSUBSCRIBED;

    /** The states a subscription in this one may move to. */
    Set<SubscriptionStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(ACTIVE, UNSUBSCRIBED);
            case ACTIVE -> Set.of(UNSUBSCRIBED);
            case UNSUBSCRIBED -> Set.of(PENDING, ACTIVE);
        };
    }

    /** This state's successor {@code next}, or a refusal when a subscription's life has no such move. */
    SubscriptionStatus to(SubscriptionStatus next) {
        if (!next().contains(next)) {
            throw new IllegalStateException("A subscription does not go from " + this + " to " + next);
        }
        return next;
    }
}
