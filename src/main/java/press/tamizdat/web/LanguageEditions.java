package press.tamizdat.web;

import org.springframework.stereotype.Component;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The site's two editions, one per language. The edition in the site's language (a setting) is at
 * the root ({@code /}, {@code /section/news}, {@code /rss.xml}); the other carries its language as
 * the first step of each address ({@code /ru}, {@code /ru/section/news}, {@code /ru/rss.xml}). The
 * address alone says which edition a page is: no cookie, no guess from the browser.
 */
@Component
public class LanguageEditions {

    private final Language siteLanguage;

    LanguageEditions(TamizdatSettings settings) {
        this.siteLanguage =
                Language.fromCode(settings.site().language().getLanguage()).orElse(Language.EN);
    }

    public Language siteLanguage() {
        return siteLanguage;
    }

    /** What the edition's addresses start with: nothing for the site's language, else {@code /ru}. */
    public String prefix(Language language) {
        return language == siteLanguage ? "" : "/" + language.code();
    }

    /** An edition's front page. */
    public String home(Language language) {
        return language == siteLanguage ? PublicPaths.HOME : prefix(language);
    }

    /** {@code path} (one of the root edition's, such as {@code /section/news}) in {@code language}'s edition. */
    public String path(Language language, String path) {
        return prefix(language) + path;
    }

    /**
     * Answers a page's request with a permanent move to {@code path}: the site language's pages
     * asked for under its prefix ({@code /en/section/news}) are at the root for good.
     */
    public static String permanently(jakarta.servlet.http.HttpServletRequest request, String path) {
        request.setAttribute(
                org.springframework.web.servlet.View.RESPONSE_STATUS_ATTRIBUTE,
                org.springframework.http.HttpStatus.MOVED_PERMANENTLY);
        return "redirect:" + path;
    }

    /** The edition in the other language. */
    public static Language other(Language language) {
        return language == Language.EN ? Language.RU : Language.EN;
    }
}
