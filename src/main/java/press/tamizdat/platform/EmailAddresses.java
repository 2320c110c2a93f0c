package press.tamizdat.platform;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What we accept as a reader's address: one plain mailbox, at most 254 characters, lower-cased. */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;

    // a mailbox as people type it: no quotes, comments, display names, or spaces
    private static final Pattern PLAIN = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private EmailAddresses() {}

    public static Optional<String> normalize(String raw) {
        String address = raw.strip();
        if (address.isEmpty()
                || address.length() > MAX_LENGTH
                || !PLAIN.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            new InternetAddress(address, true).validate();
        } catch (AddressException e) {
            return Optional.empty();
        }
        return Optional.of(address.toLowerCase(Locale.ROOT));
    }
}
