package press.tamizdat;

import java.nio.file.Path;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings every module shares: where the data lives and the site's identity. */
@ConfigurationProperties("tamizdat")
public record TamizdatSettings(Path dataDir, boolean demo, Site site) {

    public record Site(String name, ZoneId zone) {}
}
