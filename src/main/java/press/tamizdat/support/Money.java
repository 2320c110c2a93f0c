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
        var format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        int digits = currency.getDefaultFractionDigits();
        format.setMinimumFractionDigits(Math.max(0, digits));
        format.setMaximumFractionDigits(Math.max(0, digits));
        return format.format(BigDecimal.valueOf(minor, Math.max(0, digits)));
    }
}
