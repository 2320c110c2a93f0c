package press.tamizdat.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How readings are counted: how often each node writes its counts to the database, and how many
 * days "Most read" looks back.
 */
@ConfigurationProperties("tamizdat.privacy")
record PrivacySettings(Duration countsWrittenEvery, int mostReadDays) {}
