package press.tamizdat.support;

import java.util.Currency;
import java.util.regex.Pattern;

/**
 * An amount as a reader types it, read into minor units: "5", "5.5", "5,50", "1 000", "1,000.50",
 * "1.000,50". A lone separator followed by exactly three digits groups thousands (a currency with
 * cents has no third decimal), unless the currency has three decimals of its own (the Kuwaiti
 * dinar's "1.500" is one and a half).
 */
final class AmountText {

    static final int MAX_LENGTH = 24;

    /** Whole units, optionally grouped by one kind of separator, then optionally decimals after the other kind. */
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<whole>\\d{1,12}|\\d{1,3}(?:(?<group>[.,])\\d{3})+)(?:(?<decimal>[.,])(?<fraction>\\d+))?");

    /** What reading gave: the amount, or why there is none. */
    sealed interface Reading {}

    record Amount(long minor) implements Reading {}

    record NotANumber() implements Reading {}

    record TooManyDecimals(int allowed) implements Reading {}

    private AmountText() {}

    static Reading read(String typed, Currency currency) {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        String text = typed.strip().replaceAll("[\\s\\u00a0\\u202f'’]", "");
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return new NotANumber();
        }
        var match = AMOUNT.matcher(text);
        if (!match.matches()) {
            return new NotANumber();
        }
        String whole = match.group("whole");
        String group = match.group("group");
        String decimal = match.group("decimal");
        String fraction = match.group("fraction");
        if (group != null && decimal != null && group.equals(decimal)) {
            return new NotANumber(); // "1.000.5": the same mark cannot both group and separate
        }
        if (group == null && decimal != null && fraction.length() == 3 && digits < 3) {
            // "1,000" or "1.000": thousands, not three decimals
            whole = whole + fraction;
            fraction = null;
        }
        if (group != null) {
            whole = whole.replace(group, "");
        }
        if (whole.length() > 12) {
            return new NotANumber();
        }
        if (fraction != null && fraction.length() > digits) {
            return new TooManyDecimals(digits);
        }
        String decimals = fraction == null ? "" : fraction;
        return new Amount(Long.parseLong(whole + decimals + "0".repeat(digits - decimals.length())));
    }
}
