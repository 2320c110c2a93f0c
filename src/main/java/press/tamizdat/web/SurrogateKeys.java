package press.tamizdat.web;

import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Surrogate-Key} header of a public page: the keys a CDN purges it by, one of which
 * names the article the page shows, so a reading can be counted for it even when the page comes
 * from the cache.
 */
public final class SurrogateKeys {

    public static final String HEADER = "Surrogate-Key";

    private static final Pattern ARTICLE = Pattern.compile("(?:^|\\s)article-(\\d{1,18})(?:\\s|$)");

    /** The key every public page carries besides its own. */
    public static final String EVERY_PAGE = "site";

    /** The request header that names the keys a purge forgets (Varnish's xkey). */
    public static final String PURGE_HEADER = "xkey-purge";

    private SurrogateKeys() {}

    /** The key of one article's pages (the full page and its light version). */
    public static String article(long id) {
        return "article-" + id;
    }

    /** The article a page's keys name, if one does. */
    public static OptionalLong articleOf(@Nullable String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        var match = ARTICLE.matcher(header);
        return match.find() ? OptionalLong.of(Long.parseLong(match.group(1))) : OptionalLong.empty();
    }
}
