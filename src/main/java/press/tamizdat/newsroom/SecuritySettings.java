package press.tamizdat.newsroom;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HTTP hardening every response carries that an operator may need to set: HSTS (sent on
 * HTTPS requests only; behind a TLS proxy, set {@code SERVER_FORWARDHEADERSSTRATEGY=native} so
 * requests are seen as HTTPS), its lifetime, whether it covers subdomains, and whether the site
 * asks to be preloaded into browsers. And the key that marks sessions and clients in the audit log
 * ({@code TAMIZDAT_SECURITY_AUDITKEY}, hex; else one made in the data directory).
 */
@ConfigurationProperties("tamizdat.security")
public record SecuritySettings(Hsts hsts, String auditKey) {

    public record Hsts(boolean enabled, Duration maxAge, boolean includeSubdomains, boolean preload) {}
}
