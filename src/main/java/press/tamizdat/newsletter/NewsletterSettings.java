package press.tamizdat.newsletter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How signups are guarded: how long a confirmation link works (and an unconfirmed address is
 * kept), how often one address may be mailed a confirmation, and how many signups one network may
 * make per minute — generous, because readers behind Tor or one shared proxy all share an address.
 */
@ConfigurationProperties("tamizdat.newsletter")
public record NewsletterSettings(
        Duration confirmationValidity, Duration confirmationInterval, int signupsPerMinutePerNetwork) {}
