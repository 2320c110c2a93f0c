package press.tamizdat.support;

import java.util.Set;

/**
 * Where a checkout is: started when the reader chose Continue, then ended once and for good as
 * completed (paid), failed (refused) or cancelled (the reader turned back at the provider).
 */
enum CheckoutStatus {
    STARTED,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The states a checkout in this one may move to: only a started checkout ends, and only once. */
    Set<CheckoutStatus> next() {
        return this == STARTED ? Set.of(COMPLETED, FAILED, CANCELLED) : Set.of();
    }

    /** This state's successor {@code next}, or a refusal when a checkout's life has no such move. */
    CheckoutStatus to(CheckoutStatus next) {
        if (!next().contains(next)) {
            throw new IllegalStateException("A checkout does not go from " + this + " to " + next);
        }
        return next;
    }
}
