package press.tamizdat.privacy;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import press.tamizdat.newsletter.SubscriberData;
import press.tamizdat.support.SupporterData;

/**
 * Everything the outlet holds about one address, gathered from the modules that hold addresses:
 * the newsletters (subscriber, subscriptions, consents) and support (supporter, contributions,
 * recurring support, reminders). Staff accounts are the newsroom's, not a reader's.
 */
@Component
class PersonalData {

    private final SubscriberData newsletters;
    private final SupporterData support;
    private final Clock clock;

    PersonalData(SubscriberData newsletters, SupporterData support, Clock clock) {
        this.newsletters = newsletters;
        this.support = support;
        this.clock = clock;
    }

    /** What a reader downloads: each module's part, null where it holds nothing. */
    record Everything(
            String email,
            Instant exportedAt,
            SubscriberData.@Nullable Held newsletters,
            SupporterData.@Nullable Held support) {

        boolean holdsNothing() {
            return newsletters == null && support == null;
        }
    }

    enum Erasure {
        NOTHING_HELD,
        ERASED,
        /** A payment provider did not cancel recurring support: nothing was erased; asking again is safe. */
        NOT_YET
    }

    Everything of(String email) {
        return new Everything(
                email,
                clock.instant(),
                newsletters.heldFor(email).orElse(null),
                support.heldFor(email).orElse(null));
    }

    boolean holdsAnything(String email) {
        return !of(email).holdsNothing();
    }

    /**
     * Support goes first, because only it can fail (a provider must cancel recurring support
     * before the supporter is forgotten); if it does, nothing else is erased either, so a second
     * try finds everything as it was.
     */
    Erasure erase(String email) {
        var supported = support.erase(email);
        if (supported == SupporterData.Erasure.PROVIDER_FAILED) {
            return Erasure.NOT_YET;
        }
        boolean subscribed = newsletters.erase(email);
        return subscribed || supported == SupporterData.Erasure.ERASED ? Erasure.ERASED : Erasure.NOTHING_HELD;
    }
}
