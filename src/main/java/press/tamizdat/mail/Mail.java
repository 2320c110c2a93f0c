package press.tamizdat.mail;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message to one recipient: a plain-text part always, an HTML part when given, and extra
 * headers (such as {@code List-Unsubscribe}). Line breaks (and other control characters) are
 * refused in every header value, so a name or subject typed by anyone cannot add headers of its own.
 */
public record Mail(
        String fromAddress,
        String fromName,
        String to,
        String subject,
        String text,
        @Nullable String html,
        Map<String, String> headers) {

    public Mail {
        requireOneLine("from address", fromAddress);
        requireOneLine("from name", fromName);
        requireOneLine("recipient", to);
        requireOneLine("subject", subject);
        headers.forEach((name, value) -> {
            requireOneLine("header name", name);
            requireOneLine(name, value);
        });
        headers = Map.copyOf(headers);
    }

    public Mail(String fromAddress, String fromName, String to, String subject, String text, @Nullable String html) {
        this(fromAddress, fromName, to, subject, text, html, Map.of());
    }

    static void requireOneLine(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("A mail's " + what + " may not contain a line break");
            }
            if ((c < ' ' && c != '\t') || c == 127) {
                throw new IllegalArgumentException("A mail's " + what + " may not contain control characters");
            }
        }
    }
}
