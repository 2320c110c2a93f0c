package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

/** The lives of a checkout and of recurring support, as their enums define them. */
class StatesTests {

    @Test
    void aStartedCheckoutEndsOnceAndAnEndedOneNeverMovesAgain() {
        assertThat(CheckoutStatus.STARTED.to(CheckoutStatus.COMPLETED)).isEqualTo(CheckoutStatus.COMPLETED);
        assertThat(CheckoutStatus.STARTED.next())
                .containsExactlyInAnyOrder(CheckoutStatus.COMPLETED, CheckoutStatus.FAILED, CheckoutStatus.CANCELLED);
        for (var ended :
                new CheckoutStatus[] {CheckoutStatus.COMPLETED, CheckoutStatus.FAILED, CheckoutStatus.CANCELLED}) {
            assertThat(ended.next()).as(ended.name()).isEmpty();
            assertThatIllegalStateException().isThrownBy(() -> ended.to(CheckoutStatus.COMPLETED));
        }
        assertThatIllegalStateException().isThrownBy(() -> CheckoutStatus.STARTED.to(CheckoutStatus.STARTED));
    }

    @Test
    void recurringSupportGoesBetweenActiveAndPastDueUntilItIsCancelledForGood() {
        assertThat(RecurringStatus.ACTIVE.next()).contains(RecurringStatus.PAST_DUE, RecurringStatus.CANCELLED);
        assertThat(RecurringStatus.PAST_DUE.next()).contains(RecurringStatus.ACTIVE, RecurringStatus.CANCELLED);
        assertThat(RecurringStatus.CANCELLED.next()).isEmpty();
        assertThat(RecurringStatus.PAST_DUE.renews()).isTrue();
        assertThat(RecurringStatus.CANCELLED.renews()).isFalse();
    }
}
