package press.tamizdat.newsletter;

import java.util.Set;

/**
 * Where an edition is: being curated (a draft, the only state in which it changes), waiting for its
 * time, going out (its recipients fixed), or out. A scheduled edition goes back to a draft when its
 * schedule is cancelled; once sending has started it only goes on.
 */
enum EditionStatus {
    DRAFT,
    SCHEDULED,
    SENDING,
    SENT;

    /** The states an edition in this one may move to. */
    Set<EditionStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(SCHEDULED);
            case SCHEDULED -> Set.of(DRAFT, SENDING);
            case SENDING -> Set.of(SENT);
            case SENT -> Set.of();
        };
    }

    /** This state's successor {@code next}, or a refusal when an edition's life has no such move. */
    EditionStatus to(EditionStatus next) {
        if (!next().contains(next)) {
            throw new IllegalStateException("An edition does not go from " + this + " to " + next);
        }
        return next;
    }

    /** Whether an edition in this state may still be changed. */
    boolean editable() {
        return this == DRAFT;
    }
}
