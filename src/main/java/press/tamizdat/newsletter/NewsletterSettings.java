package press.tamizdat.newsletter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How signups are guarded: how long a confirmation link works (and an unconfirmed address is
 * kept), how often one address may be mailed a confirmation, and how many signups one network may
 * make per minute — generous, because readers behind Tor or one shared proxy all share an address.
 * And how editions go out from each node: over how many SMTP connections at once, at most how many
 * messages an hour (0: no limit), how often an idle sender looks for work, and how long a sender's
 * claim on a batch lasts unless renewed — how long a batch of a node that died waits for another.
 */
@ConfigurationProperties("tamizdat.newsletter")
public record NewsletterSettings(
        Duration confirmationValidity,
        Duration confirmationInterval,
        int signupsPerMinutePerNetwork,
        Delivery delivery) {

    public record Delivery(int connections, int hourlyLimit, Duration pollInterval, Duration lease) {}
}
