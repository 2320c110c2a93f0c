package press.tamizdat.reach;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The static mirror: whether it is kept, the folder it is written to, and how long after a publish
 * it is brought up to date (publishes within that time make one export).
 */
@ConfigurationProperties("tamizdat.reach")
public record ReachSettings(Mirror mirror) {

    public record Mirror(boolean enabled, Path folder, Duration debounce) {}
}
