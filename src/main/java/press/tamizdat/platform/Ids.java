package press.tamizdat.platform;

import java.util.Optional;

/** Reads a record's number from a token's subject or a form field; anything else is no number. */
public final class Ids {

    private Ids() {}

    public static Optional<Long> parse(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
