package press.tamizdat.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import press.tamizdat.TamizdatSettings;

/** Builds the {@link Ui} page context for a request. */
@Component
public class UiFactory {

    static final Set<String> LANGUAGES = Set.of("en", "ru");

    private final MessageSource messages;
    private final TamizdatSettings settings;

    UiFactory(MessageSource messages, TamizdatSettings settings) {
        this.messages = messages;
        this.settings = settings;
    }

    public Ui forRequest(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return new Ui(
                locale(request),
                messages,
                settings.site().name(),
                settings.site().zone(),
                (CsrfToken) request.getAttribute(CsrfToken.class.getName()),
                principal == null ? null : principal.getName());
    }

    /** The newsroom and the site chrome speak the reader's language when we have it, else English. */
    private static Locale locale(HttpServletRequest request) {
        Locale requested = request.getLocale();
        return LANGUAGES.contains(requested.getLanguage())
                ? Locale.forLanguageTag(requested.getLanguage())
                : Locale.ENGLISH;
    }
}
