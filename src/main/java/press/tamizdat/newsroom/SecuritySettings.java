package press.tamizdat.newsroom;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The newsroom's security settings: the newsroom's key
 * ({@code TAMIZDAT_SECURITY_KEY}, hex; else one made in the data directory); how long a session
 * lives at most however busy it is; how recently the second factor must have been shown for a
 * sensitive action; how long an invitation works; and the sign-in throttle.
 */
@ConfigurationProperties("tamizdat.security")
public record SecuritySettings(
        String key, Duration absoluteTimeout, Duration confirmWithin, Duration invitationValidity, Throttle throttle) {

    /**
     * Failed sign-ins allowed before each further attempt must wait, doubling from
     * {@code firstDelay} up to {@code longestDelay}: per account and client together, per account
     * from anywhere (a slower, larger allowance, since staff behind Tor share addresses), and per
     * client over all accounts (many accounts tried from one network).
     */
    public record Throttle(
            int perAccountAndClient,
            int perAccount,
            int perClient,
            Duration firstDelay,
            Duration longestDelay,
            Duration forgetAfter) {}
}
