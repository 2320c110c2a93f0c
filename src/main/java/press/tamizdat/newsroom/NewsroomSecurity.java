package press.tamizdat.newsroom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

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

    @Bean
    SecurityFilterChain security(HttpSecurity http, StaffAccounts accounts) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/newsroom/login")
                        .permitAll()
                        .requestMatchers("/newsroom", "/newsroom/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .formLogin(login -> login.loginPage("/newsroom/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/newsroom", false)
                        .failureUrl("/newsroom/login?error"))
                .logout(logout -> logout.logoutUrl("/newsroom/logout").logoutSuccessUrl("/newsroom/login?logout"))
                .headers(headers -> headers
                        // public pages say how long they may be cached; the newsroom is never stored
                        .cacheControl(cache -> cache.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/newsroom/**"),
                                new CacheControlHeadersWriter()))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .addFilterAfter(new FirstLoginPasswordFilter(accounts), AuthorizationFilter.class);
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
