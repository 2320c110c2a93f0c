package press.tamizdat.support;

import java.util.Set;

/**
 * Where recurring support is: active, or past due while the provider tries a refused renewal again
 * (and back to active when it is paid), until it is cancelled, which is final. Which of the
 * provider's reports moves it is the ledger's rule: only one newer than the last.
 */
public enum RecurringStatus {
    ACTIVE,
    PAST_DUE,
    CANCELLED;

    /** The states recurring support in this one may move to. */
    Set<RecurringStatus> next() {
        return switch (this) {
            case ACTIVE -> Set.of(PAST_DUE, CANCELLED);
            case PAST_DUE -> Set.of(ACTIVE, CANCELLED);
            case CANCELLED -> Set.of();
        };
    }

    /** Whether it still renews: anything but cancelled. */
    public boolean renews() {
        return this != CANCELLED;
    }
}
