package press.tamizdat.newsroom;

import java.net.URI;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import press.tamizdat.platform.TamizdatSettings;

/**
 * Who may enter the newsroom, and the headers every response carries. Public pages need no
 * session; everything under {@code /newsroom} goes through the {@link Permissions} table.
 */
@Configuration(proxyBeanMethods = false)
class NewsroomSecurity {

    /**
     * No script or style from anywhere but us, no inline script or style at all; embeds load in
     * frames only from the privacy-friendly players, and only after a reader clicks.
     */
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "media-src 'self'",
            "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

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
     * The newsroom: a session (in the database), CSRF tokens, sign-in with a password and a second
     * factor or with a passkey, and the {@link Permissions} table over every request.
     */
    @Bean
    @Order(1)
    SecurityFilterChain newsroom(
            HttpSecurity http,
            StaffAccounts accounts,
            SecuritySettings settings,
            TamizdatSettings tamizdat,
            PermissionCheck permissions,
            SignInThrottle throttle,
            SignIns signIns,
            PasskeySignIns passkeySignIns,
            StaffSessions sessions,
            Clock clock)
            throws Exception {
        URI site = tamizdat.site().url();
        String origin = origin(site);
        http.securityMatcher("/newsroom", "/newsroom/**", "/webauthn/**", "/login/webauthn")
                .authorizeHttpRequests(requests -> requests.anyRequest().access(permissions))
                .formLogin(login -> login.loginPage("/newsroom/login")
                        .usernameParameter("email")
                        .successHandler((request, response, authentication) -> {
                            signIns.notePasswordAccepted(request);
                            response.sendRedirect(request.getContextPath() + "/newsroom/second-factor");
                        })
                        .failureHandler((request, response, exception) -> {
                            String email = request.getParameter("email");
                            throttle.failed(email == null ? "" : email, request.getRemoteAddr());
                            response.sendRedirect(request.getContextPath() + "/newsroom/login?error");
                        }))
                .webAuthn(passkeys -> passkeys.rpName(tamizdat.site().name())
                        .rpId(site.getHost())
                        .allowedOrigins(origin)
                        .disableDefaultRegistrationPage(true)
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                                filter.setSessionAuthenticationStrategy(passkeySignIns);
                                filter.setAuthenticationSuccessHandler(passkeySignIns);
                                return filter;
                            }
                        }))
                .logout(logout -> logout.logoutUrl("/newsroom/logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication instanceof StaffAuthentication staff) {
                                sessions.end(staff.member(), staff.ref());
                            }
                        })
                        .logoutSuccessUrl("/newsroom/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(handling -> handling.accessDeniedHandler(new RefusalHandler()))
                .headers(headers -> hardened(headers, settings))
                .addFilterBefore(new ThrottledSignIn(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SessionLimits(accounts, sessions, settings, clock), AuthorizationFilter.class)
                // a one-time password is replaced first, before the second factor is enrolled
                .addFilterBefore(new FirstLoginPasswordFilter(accounts), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Everything else is the public site: no session is read or made, so a reader carries no
     * cookie and a page is the same for everyone (which is what lets it be cached). Only the
     * headers are written here. Public forms need no CSRF token: there is no signed-in reader
     * whose authority another site could borrow, and what they start is confirmed by mail.
     */
    @Bean
    @Order(2)
    SecurityFilterChain publicSite(HttpSecurity http, SecuritySettings settings) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(api -> api.disable())
                .exceptionHandling(handling -> handling.disable())
                .logout(logout -> logout.disable())
                // public pages say themselves how long they may be cached
                .headers(headers -> hardened(headers, settings).cacheControl(cache -> cache.disable()));
        return http.build();
    }

    /**
     * The headers on every response, public or newsroom (docs/security.md lists each with the test
     * that checks it): the CSP above, no framing, no MIME sniffing, no referrer to other sites, the
     * features above switched off, a window of our own (COOP), and HSTS on HTTPS.
     */
    private static HeadersConfigurer<HttpSecurity> hardened(
            HeadersConfigurer<HttpSecurity> headers, SecuritySettings settings) {
        var hsts = settings.hsts();
        return headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
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

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /**
     * Staff by address for the password check. A deactivated member is as unknown as an address
     * that never was: same answer, and the same Argon2 work (Spring Security hashes a dummy
     * password for unknown names), so neither time nor message tells them apart.
     */
    @Bean
    UserDetailsService staffLogins(StaffAccounts accounts) {
        return email -> accounts.credentials(email)
                .filter(StaffAccounts.Credentials::active)
                .map(c -> new StaffPrincipal(c.member(), c.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No such staff member"));
    }

    @Bean
    JdbcPublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcOperations jdbc) {
        return new SessionBoundCredentials(new JdbcUserCredentialRepository(jdbc));
    }

    /**
     * The passkey ceremonies, for our site's host and origin only, with user verification required:
     * a passkey alone signs in, so it must be possession and the device's own check (PIN, finger,
     * face), not a bare security key.
     */
    @Bean
    WebAuthnRelyingPartyOperations passkeyCeremonies(
            JdbcPublicKeyCredentialUserEntityRepository users,
            UserCredentialRepository credentials,
            TamizdatSettings tamizdat) {
        URI site = tamizdat.site().url();
        var operations = new Webauthn4JRelyingPartyOperations(
                users,
                credentials,
                PublicKeyCredentialRpEntity.builder()
                        .id(site.getHost())
                        .name(tamizdat.site().name())
                        .build(),
                Set.of(origin(site)));
        operations.setCustomizeCreationOptions(
                options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.REQUIRED)
                        .build()));
        operations.setCustomizeRequestOptions(
                options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return operations;
    }

    static String origin(URI site) {
        return site.getScheme() + "://" + site.getRawAuthority();
    }
}
