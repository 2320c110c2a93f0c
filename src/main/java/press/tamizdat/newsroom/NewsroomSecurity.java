package press.tamizdat.newsroom;

import java.net.URI;
import java.time.Clock;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
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
import press.tamizdat.web.HstsSettings;
import press.tamizdat.web.PublicSecurity;

/**
 * Who may enter the newsroom: everything under {@code /newsroom} goes through the {@link
 * Permissions} table. The public site's chain and the headers every response carries are the
 * public face's ({@link PublicSecurity}).
 */
@Configuration(proxyBeanMethods = false)
class NewsroomSecurity {

    /**
     * The newsroom: a session (in the database), CSRF tokens, sign-in with a password and a second
     * factor or with a passkey, and the {@link Permissions} table over every request.
     */
    /**
     * The management port ({@code TAMIZDAT_MANAGEMENT_PORT}), when there is one: health and metrics
     * for whoever reaches it, which is why it listens on this machine only unless told otherwise.
     */
    @Bean
    @Order(0)
    SecurityFilterChain managementPort(HttpSecurity http, Environment environment) throws Exception {
        // without a management port of its own (the default) no request is the management port's;
        // the ports are read once known, as reading the environment showed in the page profile
        boolean ownPort = !environment.getProperty("management.server.port", "").isBlank();
        var ports = new java.util.concurrent.atomic.AtomicReference<int @Nullable []>();
        http.securityMatcher(request -> {
                    if (!ownPort) {
                        return false;
                    }
                    int[] known = ports.get();
                    if (known == null) {
                        Integer port = environment.getProperty("local.management.port", Integer.class);
                        Integer site = environment.getProperty("local.server.port", Integer.class);
                        if (port == null || site == null) {
                            return false;
                        }
                        known = new int[] {port, site};
                        ports.set(known);
                    }
                    return known[0] != known[1] && request.getLocalPort() == known[0];
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.disable())
                .securityContext(context -> context.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain newsroom(
            HttpSecurity http,
            StaffAccounts accounts,
            SecuritySettings settings,
            HstsSettings hsts,
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
        http.securityMatcher("/newsroom", "/newsroom/**", "/webauthn/**", "/login/webauthn", "/actuator/prometheus")
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
                        .creationOptionsRepository(new PasskeyCreationOptions())
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
                .headers(headers -> PublicSecurity.hardened(headers, hsts))
                .addFilterBefore(new ThrottledSignIn(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SessionLimits(accounts, sessions, settings, clock), AuthorizationFilter.class)
                // a one-time password is replaced first, before the second factor is enrolled
                .addFilterBefore(new FirstLoginPasswordFilter(accounts), AuthorizationFilter.class);
        return http.build();
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
