package press.tamizdat.channels;

import java.util.Set;

/**
 * A webhook delivery's state: {@code PENDING} until the endpoint answers 2xx ({@code DELIVERED}) or
 * the retries run out or the endpoint is switched off ({@code FAILED}).
 */
enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED;

    Set<DeliveryStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(DELIVERED, FAILED);
            case DELIVERED, FAILED -> Set.of();
        };
    }

    /** The state after this one, refused when no transition leads there. */
    DeliveryStatus to(DeliveryStatus target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("A delivery cannot go from " + this + " to " + target);
        }
        return target;
    }
}
