package press.tamizdat.newsroom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may enter the newsroom, and the headers every response carries. Public pages need no
 * session; everything under {@code /newsroom} needs a signed-in staff member.
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

    /** The newsroom: a session, CSRF tokens, form login, and pages that are never stored. */
    @Bean
    @Order(1)
    SecurityFilterChain newsroom(HttpSecurity http, StaffAccounts accounts) throws Exception {
        http.securityMatcher("/newsroom", "/newsroom/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/newsroom/login")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(login -> login.loginPage("/newsroom/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/newsroom", false)
                        .failureUrl("/newsroom/login?error"))
                .logout(logout -> logout.logoutUrl("/newsroom/logout").logoutSuccessUrl("/newsroom/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .addFilterAfter(new FirstLoginPasswordFilter(accounts), AuthorizationFilter.class);
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
    SecurityFilterChain publicSite(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(api -> api.disable())
                .exceptionHandling(handling -> handling.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers
                        // public pages say themselves how long they may be cached
                        .cacheControl(cache -> cache.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    UserDetailsService staffLogins(StaffAccounts accounts) {
        return email -> accounts.credentials(email)
                .map(c -> new StaffPrincipal(c.member(), c.passwordHash(), c.active()))
                .orElseThrow(() -> new UsernameNotFoundException("No such staff member"));
    }
}
