package press.tamizdat.support;

import java.util.Locale;
import java.util.Optional;

/** How often a contribution is made: once, or every month or year until cancelled. */
public enum Frequency {
    ONCE,
    MONTHLY,
    ANNUAL;

    /** The frequency a form field names ({@code once}, {@code monthly}, {@code annual}), in any case. */
    static Optional<Frequency> parse(String value) {
        for (Frequency frequency : values()) {
            if (frequency.name().equalsIgnoreCase(value.strip())) {
                return Optional.of(frequency);
            }
        }
        return Optional.empty();
    }

    /** The form field's value. */
    String field() {
        return name().toLowerCase(Locale.ROOT);
    }
}
