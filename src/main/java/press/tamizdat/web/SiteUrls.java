package press.tamizdat.web;

import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The only place absolute URLs come from. Pages link relatively, so they work on any mirror or
 * onion address; canonical links, feeds, sitemaps and emails need the canonical address.
 */
@Component
public class SiteUrls {

    private final String base;

    SiteUrls(TamizdatSettings settings) {
        this.base = settings.site().url().toString().replaceAll("/+$", "");
    }

    /** The absolute URL of a site path such as {@code /en/some-article}. */
    public String absolute(String path) {
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    /** Makes the root-relative links and sources in a piece of our HTML absolute, for feed readers. */
    public String absolutizeHtml(String html) {
        return html.replace("href=\"/", "href=\"" + base + "/").replace("src=\"/", "src=\"" + base + "/");
    }
}
