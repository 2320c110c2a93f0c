package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contribution form's rules: amounts as readers type them, and every way a form can be wrong. */
class ContributionFormTests {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency KWD = Currency.getInstance("KWD");
    private static final Campaign CAMPAIGN = new Campaign(
            "Support Tamizdat!",
            "A Message from Tamizdat",
            "We are paid for by readers.",
            true,
            true,
            Frequency.MONTHLY,
            true,
            List.of(
                    new Campaign.Offer(
                            USD,
                            200,
                            1_000_000,
                            Map.of(Frequency.ONCE, List.of(1000L, 2500L), Frequency.MONTHLY, List.of(500L, 1000L))),
                    new Campaign.Offer(JPY, 300, 1_000_000, Map.of())));

    @Test
    void readsAmountsTheWayReadersTypeThem() {
        assertThat(AmountText.read("5", USD)).isEqualTo(new AmountText.Amount(500));
        assertThat(AmountText.read(" 5.5 ", USD)).isEqualTo(new AmountText.Amount(550));
        assertThat(AmountText.read("5,50", USD)).isEqualTo(new AmountText.Amount(550));
        assertThat(AmountText.read("1 000", USD)).isEqualTo(new AmountText.Amount(100_000));
        assertThat(AmountText.read("1,000", USD)).isEqualTo(new AmountText.Amount(100_000));
        assertThat(AmountText.read("1.000", USD)).isEqualTo(new AmountText.Amount(100_000));
        assertThat(AmountText.read("1,000.50", USD)).isEqualTo(new AmountText.Amount(100_050));
        assertThat(AmountText.read("1.000,50", USD)).isEqualTo(new AmountText.Amount(100_050));
        assertThat(AmountText.read("1'000", USD)).isEqualTo(new AmountText.Amount(100_000));
        assertThat(AmountText.read("500", JPY)).isEqualTo(new AmountText.Amount(500));
        assertThat(AmountText.read("1.500", KWD)).isEqualTo(new AmountText.Amount(1_500));
    }

    @Test
    void refusesWhatIsNotAnAmount() {
        for (String typed : List.of("", "abc", "-5", "5.", "1.000.5", "1,00,000", "5e3", "0x10", "9".repeat(30))) {
            assertThat(AmountText.read(typed, USD)).as(typed).isInstanceOf(AmountText.NotANumber.class);
        }
        assertThat(AmountText.read("5.555", KWD)).isEqualTo(new AmountText.Amount(5_555));
        assertThat(AmountText.read("5.55", JPY)).isEqualTo(new AmountText.TooManyDecimals(0));
        assertThat(AmountText.read("5.5555", USD)).isEqualTo(new AmountText.TooManyDecimals(2));
    }

    @Test
    void anyAmountWrittenWithGroupingInEitherStyleReadsBack() {
        var random = new Random(20261127);
        var us = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        var german = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.GERMANY));
        var amounts = new ArrayList<>(List.of(0L, 1L, 99L, 100L, 99_999L, 100_000L, 99_999_999_999L));
        for (int i = 0; i < 10_000; i++) {
            // spread over every magnitude, not only large numbers
            amounts.add((long) Math.pow(10, random.nextDouble() * 11));
        }

        for (long minor : amounts) {
            for (var format : List.of(us, german)) {
                String typed = format.format(BigDecimal.valueOf(minor, 2));
                assertThat(AmountText.read(typed, USD)).as(typed).isEqualTo(new AmountText.Amount(minor));
            }
        }
    }

    @Test
    void aGoodFormBecomesARequest() {
        var checked = ContributionForm.check(new ContributionForm.Typed("monthly", "500", "", "usd"), CAMPAIGN);

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.request()).contains(new ContributionForm.Request(Frequency.MONTHLY, new Money(500, USD)));
    }

    @Test
    void aCustomAmountWinsOverThePreset() {
        var checked = ContributionForm.check(new ContributionForm.Typed("once", "1000", "7,25", "USD"), CAMPAIGN);

        assertThat(checked.request()).contains(new ContributionForm.Request(Frequency.ONCE, new Money(725, USD)));
    }

    @Test
    void rejectsAmountBelowMinimumAndSaysTheMinimum() {
        var checked = ContributionForm.check(new ContributionForm.Typed("once", "", "1.99", "USD"), CAMPAIGN);

        assertThat(checked.request()).isEmpty();
        assertThat(checked.problems())
                .containsExactly(
                        ContributionForm.Problem.of("support.problem.amount-below-minimum", new Money(200, USD)));
    }

    @Test
    void rejectsAmountAboveMaximum() {
        var checked = ContributionForm.check(new ContributionForm.Typed("once", "", "10000.01", "USD"), CAMPAIGN);

        assertThat(checked.problems())
                .containsExactly(
                        ContributionForm.Problem.of("support.problem.amount-above-maximum", new Money(1_000_000, USD)));
    }

    @Test
    void rejectsANonNumberAndRepeatsWhatWasTyped() {
        var checked = ContributionForm.check(new ContributionForm.Typed("once", "", "five", "USD"), CAMPAIGN);

        assertThat(checked.problems())
                .containsExactly(ContributionForm.Problem.of("support.problem.amount-not-number", "five"));
    }

    @Test
    void rejectsAnUnknownCurrencyAndAnUnknownFrequency() {
        var checked = ContributionForm.check(new ContributionForm.Typed("weekly", "", "5", "XYZ"), CAMPAIGN);

        assertThat(checked.problems())
                .extracting(ContributionForm.Problem::key)
                .containsExactly("support.problem.frequency", "support.problem.currency");
    }

    @Test
    void rejectsAFormWithNoAmount() {
        var checked = ContributionForm.check(new ContributionForm.Typed("once", "", " ", "USD"), CAMPAIGN);

        assertThat(checked.problems())
                .extracting(ContributionForm.Problem::key)
                .containsExactly("support.problem.amount-missing");
    }

    @Test
    void aCraftedPresetBelowTheMinimumIsRefusedLikeATypedOne() {
        var checked = ContributionForm.check(new ContributionForm.Typed("once", "1", "", "USD"), CAMPAIGN);

        assertThat(checked.problems())
                .extracting(ContributionForm.Problem::key)
                .containsExactly("support.problem.amount-below-minimum");
    }

    @Test
    void formatsMoneyForTheReader() {
        assertThat(new Money(500, USD).format(Locale.US)).isEqualTo("$5.00");
        assertThat(new Money(500, JPY).format(Locale.US)).isEqualTo("¥500");
    }
}
