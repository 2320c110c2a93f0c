package press.tamizdat.mail;

import java.util.regex.Pattern;

/**
 * A message that was not delivered. Permanent failures (the server refused the address for good,
 * a 5xx answer) must not be retried; the others (a 4xx answer, a lost connection) may be.
 *
 * <p>A server's answer usually quotes the address ("550 5.1.1 &lt;reader@example.org&gt;: no such
 * user"), and whoever catches a failure may log it, or a listener's failure is logged for it. So
 * the message names no address (each is replaced by {@code <address>}) and the cause, whose own
 * message quotes it, is not kept: only its type.
 */
public class MailFailure extends Exception {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");

    private final boolean permanent;

    MailFailure(String message, boolean permanent, Throwable cause) {
        super(withoutAddresses(message) + " (" + cause.getClass().getSimpleName() + ")");
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    static String withoutAddresses(String text) {
        return ADDRESS.matcher(text).replaceAll("<address>");
    }
}
