package press.tamizdat.web;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The public site's security chain, and the headers every response carries, public or newsroom
 * (the newsroom's own chain writes them with {@link #hardened}). docs/security.md lists each header
 * with the test that checks it.
 */
@Configuration(proxyBeanMethods = false)
public class PublicSecurity {

    /**
     * No script or style from anywhere but us, no inline script or style at all; embeds load in
     * frames only from the privacy-friendly players, and only after a reader clicks; forms post
     * only to us (the public pages add the payment providers' checkouts, see {@link CheckoutOrigins}).
     */
    static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(List.of());

    /**
     * The policy above with {@code form-action} also allowing {@code checkouts}: the contribution
     * form posts to us, and we redirect the reader to the provider's checkout page.
     */
    static String contentSecurityPolicy(List<String> checkouts) {
        return String.join(
                "; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self'",
                "media-src 'self'",
                "frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://t.me https://vk.com",
                "object-src 'none'",
                "base-uri 'none'",
                String.join(
                        " ",
                        Stream.concat(Stream.of("form-action 'self'"), checkouts.stream())
                                .toList()),
                "frame-ancestors 'none'");
    }

    /** Powerful browser features none of our pages use, switched off for every page and any frame in it. */
    static final String PERMISSIONS_POLICY = String.join(
            ", ",
            "accelerometer=()",
            "camera=()",
            "display-capture=()",
            "geolocation=()",
            "gyroscope=()",
            "magnetometer=()",
            "microphone=()",
            "midi=()",
            "payment=()",
            "usb=()",
            "browsing-topics=()",
            "interest-cohort=()");

    /**
     * Everything the newsroom's chain does not match is the public site: no session is read or
     * made, so a reader carries no cookie and a page is the same for everyone (which is what lets
     * it be cached). Only the headers are written here. Public forms need no CSRF token: there is
     * no signed-in reader whose authority another site could borrow, and what they start is
     * confirmed by mail.
     */
    @Bean
    @Order(2)
    SecurityFilterChain publicSite(
            HttpSecurity http, HstsSettings hsts, ObjectProvider<CheckoutOrigins> checkouts, TamizdatSettings settings)
            throws Exception {
        // the live forms address answers the forms of mirrored pages; a page of ours served from
        // elsewhere (a copy on a CDN that passes our headers on) may post there too
        String policy = contentSecurityPolicy(Stream.concat(
                        checkouts.stream().flatMap(each -> each.origins().stream()),
                        Stream.of(origin(settings.site().formsBase())))
                .distinct()
                .toList());
        http.csrf(csrf -> csrf.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(api -> api.disable())
                .exceptionHandling(handling -> handling.disable())
                .logout(logout -> logout.disable())
                // public pages say themselves how long they may be cached
                .headers(headers -> hardened(headers, hsts, policy).cacheControl(cache -> cache.disable()));
        return http.build();
    }

    /** The origin of an address: its scheme, host and port. */
    static String origin(String address) {
        var uri = java.net.URI.create(address);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /**
     * The headers on every response: the CSP above, no framing, no MIME sniffing, no referrer to
     * other sites, the features above switched off, a window of our own (COOP), and HSTS on HTTPS.
     */
    public static HeadersConfigurer<HttpSecurity> hardened(HeadersConfigurer<HttpSecurity> headers, HstsSettings hsts) {
        return hardened(headers, hsts, CONTENT_SECURITY_POLICY);
    }

    private static HeadersConfigurer<HttpSecurity> hardened(
            HeadersConfigurer<HttpSecurity> headers, HstsSettings hsts, String policy) {
        return headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.deny())
                .contentTypeOptions(Customizer.withDefaults())
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                .crossOriginOpenerPolicy(
                        coop -> coop.policy(CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
                .httpStrictTransportSecurity(hstsConfig -> {
                    if (!hsts.enabled()) {
                        hstsConfig.disable();
                        return;
                    }
                    hstsConfig
                            .maxAgeInSeconds(hsts.maxAge().toSeconds())
                            .includeSubDomains(hsts.includeSubdomains())
                            .preload(hsts.preload());
                });
    }
}
