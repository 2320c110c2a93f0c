package press.tamizdat.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a page. A public page speaks its content's language — an article page the
 * article's, every other page the site's — the same for every reader, so one cached copy serves
 * all and {@code Content-Language} tells the truth. The newsroom follows the staff member's browser.
 */
@Component("localeResolver")
public class PageLocales implements LocaleResolver {

    static final Set<String> LANGUAGES = Set.of("en", "ru");
    private static final String CONTENT_LOCALE = PageLocales.class.getName() + ".content";

    private final Locale siteLanguage;

    PageLocales(press.tamizdat.platform.TamizdatSettings settings) {
        this.siteLanguage = settings.site().language();
    }

    /** Declares the language of the content this request shows. */
    public static void setContentLanguage(HttpServletRequest request, Locale language) {
        request.setAttribute(CONTENT_LOCALE, language);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CONTENT_LOCALE) instanceof Locale content) {
            return content;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/newsroom")) {
            Locale browser = request.getLocale();
            return LANGUAGES.contains(browser.getLanguage())
                    ? Locale.forLanguageTag(browser.getLanguage())
                    : Locale.ENGLISH;
        }
        return siteLanguage;
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        throw new UnsupportedOperationException("The page language follows the content, not a choice");
    }
}
