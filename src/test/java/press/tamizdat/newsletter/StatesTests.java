package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

/** The lives of an edition and of a subscription, as their enums define them. */
class StatesTests {

    @Test
    void anEditionGoesFromDraftToSentAndBackToDraftOnlyBeforeSendingStarts() {
        assertThat(EditionStatus.DRAFT.to(EditionStatus.SCHEDULED)).isEqualTo(EditionStatus.SCHEDULED);
        assertThat(EditionStatus.SCHEDULED.to(EditionStatus.DRAFT)).isEqualTo(EditionStatus.DRAFT);
        assertThat(EditionStatus.SCHEDULED.to(EditionStatus.SENDING)).isEqualTo(EditionStatus.SENDING);
        assertThat(EditionStatus.SENDING.to(EditionStatus.SENT)).isEqualTo(EditionStatus.SENT);
        assertThatIllegalStateException().isThrownBy(() -> EditionStatus.SENDING.to(EditionStatus.DRAFT));
        assertThatIllegalStateException().isThrownBy(() -> EditionStatus.DRAFT.to(EditionStatus.SENDING));
        assertThat(EditionStatus.SENT.next()).isEmpty();
        assertThat(EditionStatus.DRAFT.editable()).isTrue();
        assertThat(EditionStatus.SCHEDULED.editable()).isFalse();
    }

    @Test
    void aSubscriptionIsConfirmedOnceAndASignupAfterUnsubscribingWaitsForConfirmationAgain() {
        assertThat(SubscriptionStatus.PENDING.to(SubscriptionStatus.ACTIVE)).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(SubscriptionStatus.UNSUBSCRIBED.to(SubscriptionStatus.PENDING))
                .isEqualTo(SubscriptionStatus.PENDING);
        assertThatIllegalStateException().isThrownBy(() -> SubscriptionStatus.ACTIVE.to(SubscriptionStatus.PENDING));
    }
}
