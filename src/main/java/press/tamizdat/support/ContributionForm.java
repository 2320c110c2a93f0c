package press.tamizdat.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contribution form as a reader filled it in — frequency, a preset or a custom amount,
 * currency — checked against the campaign before any payment provider sees it. Each problem is a
 * message key with its arguments, so the page can say exactly what to change.
 */
final class ContributionForm {

    /** The fields as typed; the custom amount, when given, wins over the preset. */
    record Typed(String frequency, String preset, String custom, String currency) {}

    /** A problem: a message key and what fills it in. */
    record Problem(String key, List<Object> args) {

        static Problem of(String key, Object... args) {
            return new Problem(key, List.of(args));
        }
    }

    /** A request that passed every rule. */
    record Request(Frequency frequency, Money amount) {}

    /** The request, or the problems that stop it. */
    record Checked(Optional<Request> request, List<Problem> problems) {}

    private ContributionForm() {}

    static Checked check(Typed typed, Campaign campaign) {
        var problems = new ArrayList<Problem>();
        var frequency = Frequency.parse(typed.frequency());
        if (frequency.isEmpty()) {
            problems.add(Problem.of("support.problem.frequency"));
        }
        var offer = campaign.offer(typed.currency());
        if (offer.isEmpty()) {
            problems.add(Problem.of("support.problem.currency"));
            return new Checked(Optional.empty(), problems);
        }
        var currency = offer.get().currency();
        String text = typed.custom().isBlank() ? presetText(typed.preset(), currency) : typed.custom();
        if (text.isBlank()) {
            problems.add(Problem.of("support.problem.amount-missing"));
            return new Checked(Optional.empty(), problems);
        }
        switch (AmountText.read(text, currency)) {
            case AmountText.NotANumber ignored ->
                problems.add(Problem.of("support.problem.amount-not-number", shorten(text)));
            case AmountText.TooManyDecimals decimals ->
                problems.add(Problem.of("support.problem.amount-decimals", decimals.allowed()));
            case AmountText.Amount amount -> {
                if (amount.minor() < offer.get().minimum()) {
                    problems.add(Problem.of(
                            "support.problem.amount-below-minimum",
                            new Money(offer.get().minimum(), currency)));
                } else if (amount.minor() > offer.get().maximum()) {
                    problems.add(Problem.of(
                            "support.problem.amount-above-maximum",
                            new Money(offer.get().maximum(), currency)));
                } else if (problems.isEmpty()) {
                    return new Checked(
                            Optional.of(new Request(frequency.orElseThrow(), new Money(amount.minor(), currency))),
                            List.of());
                }
            }
        }
        return new Checked(Optional.empty(), problems);
    }

    /** A preset's value is in minor units; shown back to the reader as the amount it stands for. */
    private static String presetText(String preset, java.util.Currency currency) {
        if (!preset.strip().matches("\\d{1,12}")) {
            return preset.strip();
        }
        return new Money(Long.parseLong(preset.strip()), currency).plain();
    }

    private static String shorten(String text) {
        return text.length() <= 30 ? text : text.substring(0, 30) + "…";
    }
}
