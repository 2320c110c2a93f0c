package press.tamizdat.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A way a reader can pay, as the form offers it. Each rail shows our own mark and a line on what
 * it reveals about the reader and to whom; which provider stands behind it is
 * {@link PaymentProviders}' business.
 */
enum PaymentMethod {
    CARD,
    PAYPAL,
    CRYPTO,
    BANK;

    /** The form's value for this method: {@code card}, {@code paypal}, {@code crypto}, {@code bank}. */
    String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    String nameKey() {
        return "support.method." + field();
    }

    String privacyKey() {
        return "support.method." + field() + ".privacy";
    }

    /** Our own mark for it, served from this site like every other asset. */
    String mark() {
        return "/assets/pay/" + field() + ".svg";
    }

    static Optional<PaymentMethod> parse(String field) {
        String wanted = field.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.field().equals(wanted)).findFirst();
    }
}
