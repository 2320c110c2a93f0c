package press.tamizdat.newsletter;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;

/** What the pages behind personal links (confirm, unsubscribe, preferences) and their forms share. */
final class PersonalPages {

    private PersonalPages() {}

    /** Never stored by a browser or a shared cache, and the token never leaves in a Referer. */
    static void keepPrivate(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    /** An id from a token's subject or a form field; anything else is no id. */
    static Optional<Long> id(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
