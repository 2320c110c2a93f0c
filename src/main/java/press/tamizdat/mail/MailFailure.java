package press.tamizdat.mail;

/**
 * A message that was not delivered. Permanent failures (the server refused the address for good,
 * a 5xx answer) must not be retried; the others (a 4xx answer, a lost connection) may be.
 */
public class MailFailure extends Exception {

    private final boolean permanent;

    MailFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
