package press.tamizdat.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import press.tamizdat.TamizdatSettings;

/** Builds the {@link Ui} page context for a request, in the page's language ({@link PageLocales}). */
@Component
public class UiFactory {

    private final MessageSource messages;
    private final TamizdatSettings settings;
    private final PageLocales locales;
    private final ObjectProvider<Navigation> navigation;
    private volatile @Nullable List<Navigation> navigations;

    UiFactory(
            MessageSource messages,
            TamizdatSettings settings,
            PageLocales locales,
            ObjectProvider<Navigation> navigation) {
        this.messages = messages;
        this.settings = settings;
        this.locales = locales;
        this.navigation = navigation;
    }

    /** Looked up once: finding beans on every request showed in the page benchmark's profile. */
    private List<Navigation> navigations() {
        var found = navigations;
        if (found == null) {
            found = navigation.orderedStream().toList();
            navigations = found;
        }
        return found;
    }

    /** The page context for something rendered outside a request, such as an email, in {@code locale}. */
    public Ui forLocale(Locale locale) {
        return new Ui(
                locale,
                messages,
                settings.site().name(),
                settings.site().zone(),
                null,
                null,
                navigations().stream().flatMap(n -> n.links(locale).stream()).toList());
    }

    public Ui forRequest(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        Locale locale = locales.resolveLocale(request);
        return new Ui(
                locale,
                messages,
                settings.site().name(),
                settings.site().zone(),
                (CsrfToken) request.getAttribute(CsrfToken.class.getName()),
                principal == null ? null : principal.getName(),
                navigations().stream().flatMap(n -> n.links(locale).stream()).toList());
    }
}
