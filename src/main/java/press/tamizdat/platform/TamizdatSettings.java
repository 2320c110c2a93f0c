package press.tamizdat.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module shares: where the data lives, the site's identity, the key that signs and
 * seals links in mail ({@code TAMIZDAT_SECRET}, hex; empty: one generated into the data directory),
 * and how often each node looks for due jobs.
 */
@ConfigurationProperties("tamizdat")
public record TamizdatSettings(
        Path dataDir,
        boolean demo,
        Site site,
        @DefaultValue("") String secret,
        @DefaultValue Jobs jobs) {

    /**
     * How often a node looks for due jobs, and whether it runs them at all (the backup and restore
     * commands run none).
     */
    public record Jobs(
            @DefaultValue("10s") Duration pollingInterval,
            @DefaultValue("true") boolean enabled) {}

    /**
     * The outlet's name, its canonical address (for the few absolute URLs: canonical links, feeds,
     * sitemaps, emails), its time zone, the language of pages that are in no one article's language,
     * and the live address the forms of a mirrored page post to ({@code TAMIZDAT_FORMS_URL}; the
     * canonical address unless set).
     */
    public record Site(
            String name,
            URI url,
            ZoneId zone,
            Locale language,
            @Nullable URI formsUrl) {

        /** The address mirrored forms post to, without a trailing slash. */
        public String formsBase() {
            return (formsUrl == null ? url : formsUrl).toString().replaceAll("/+$", "");
        }
    }
}
