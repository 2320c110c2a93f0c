package press.tamizdat.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Strict-Transport-Security, sent on HTTPS requests only (behind a TLS proxy, set {@code
 * SERVER_FORWARDHEADERSSTRATEGY=native} so requests are seen as HTTPS).
 */
@ConfigurationProperties("tamizdat.security.hsts")
public record HstsSettings(boolean enabled, Duration maxAge, boolean includeSubdomains, boolean preload) {}
