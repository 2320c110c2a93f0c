package press.tamizdat.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import press.tamizdat.platform.PersonalLinks;

/**
 * How readings are counted: how often each node writes its counts to the database, and how many
 * days "Most read" looks back. How a reader reaches their data: how long a mailed link works, how
 * long the page it opens lasts, and how many requests one network may make per minute. And how long
 * personal data is kept where nothing else limits it.
 */
@ConfigurationProperties("tamizdat.privacy")
record PrivacySettings(
        Duration countsWrittenEvery,
        int mostReadDays,
        Duration linkValidity,
        Duration pageValidity,
        int requestsPerMinutePerNetwork,
        Retention retention) {

    /** "Your data"'s personal links. */
    PersonalLinks.Kind dataLinks() {
        return new PersonalLinks.Kind("privacy-data", linkValidity, pageValidity);
    }

    /**
     * How long the audit log keeps an entry, a past delivery the address it went to, and a day's
     * counts their referring sites (the counts themselves hold nothing personal and stay); and how
     * many readings a site must have sent in a day for its name to be kept past that day.
     */
    record Retention(
            Duration auditEntries, Duration deliveryAddresses, Duration referringSites, int referringSiteMinimum) {}
}
