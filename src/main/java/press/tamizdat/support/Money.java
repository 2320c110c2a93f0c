package press.tamizdat.support;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** An amount in a currency's minor units (cents for USD): money is never a floating-point number. */
public record Money(long minor, Currency currency) {

    public Money {
        if (minor < 0) {
            throw new IllegalArgumentException("Money is never negative here: " + minor);
        }
    }

    /** As a form field holds it: "5.00", "500" for yen. */
    public String plain() {
        return BigDecimal.valueOf(minor, Math.max(0, currency.getDefaultFractionDigits()))
                .toPlainString();
    }

    /** As a reader reads it in {@code locale}: "$5.00", "5,00 €", "5,00 $". */
    public String format(Locale locale) {
        return format(locale, Math.max(0, currency.getDefaultFractionDigits()));
    }

    /** As a button shows it: "$5", "$2.50", whole amounts without their zeros. */
    public String brief(Locale locale) {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        boolean whole = digits == 0 || minor % BigDecimal.TEN.pow(digits).longValueExact() == 0;
        return format(locale, whole ? 0 : digits);
    }

    private String format(Locale locale, int shown) {
        var format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        int digits = currency.getDefaultFractionDigits();
        format.setMinimumFractionDigits(shown);
        format.setMaximumFractionDigits(shown);
        return format.format(BigDecimal.valueOf(minor, Math.max(0, digits)));
    }
}
