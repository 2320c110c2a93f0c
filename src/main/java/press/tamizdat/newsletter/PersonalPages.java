package press.tamizdat.newsletter;

import java.util.Optional;

/** Reads an id from a token's subject or a form field. */
final class PersonalPages {

    private PersonalPages() {}

    /** An id from a token's subject or a form field; anything else is no id. */
    static Optional<Long> id(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
