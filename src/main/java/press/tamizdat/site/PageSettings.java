package press.tamizdat.site;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How public pages are cached: in memory here, and by browsers and CDNs through the headers. */
@ConfigurationProperties("tamizdat.pages")
record PageSettings(
        boolean cache,
        int cacheEntries,
        Duration maxAge,
        Duration sharedMaxAge,
        Duration staleWhileRevalidate,
        @DefaultValue List<URI> purgeUrls) {

    String cacheControl() {
        return "public, max-age=" + maxAge.toSeconds() + ", s-maxage=" + sharedMaxAge.toSeconds()
                + ", stale-while-revalidate=" + staleWhileRevalidate.toSeconds() + ", stale-if-error=86400";
    }
}
