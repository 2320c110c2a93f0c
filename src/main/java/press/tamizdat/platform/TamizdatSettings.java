package press.tamizdat.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings every module shares: where the data lives and the site's identity. */
@ConfigurationProperties("tamizdat")
public record TamizdatSettings(Path dataDir, boolean demo, Site site) {

    /**
     * The outlet's name, its canonical address (for the few absolute URLs: canonical links, feeds,
     * sitemaps, emails), its time zone, and the language of pages that are in no one article's language.
     */
    public record Site(String name, URI url, ZoneId zone, Locale language) {}
}
