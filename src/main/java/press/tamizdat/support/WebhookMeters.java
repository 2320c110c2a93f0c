package press.tamizdat.support;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import press.tamizdat.web.PublicPaths;

/**
 * Counts the payment providers' webhook calls on this node by provider and outcome: accepted (2xx),
 * refused (4xx: a bad signature, a payload that is no event) or failed (5xx, or an error): what
 * {@code tamizdat.support.webhooks{outcome="failed"}} shows first when a provider's events stop
 * being taken in.
 */
@Configuration(proxyBeanMethods = false)
class WebhookMeters {

    private static final Set<String> PROVIDERS = Set.of("stripe", "paypal", "btcpay");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webhookMetersFilter(MeterRegistry meters) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getRequestURI().startsWith(PublicPaths.WEBHOOKS + "/");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String name = request.getRequestURI().substring(PublicPaths.WEBHOOKS.length() + 1);
                // only the providers we know, so a scan of made-up addresses makes no new series
                String provider = PROVIDERS.contains(name) ? name : "other";
                String outcome = "failed";
                try {
                    chain.doFilter(request, response);
                    int status = response.getStatus();
                    outcome = status < 400 ? "accepted" : status < 500 ? "refused" : "failed";
                } finally {
                    meters.counter("tamizdat.support.webhooks", "provider", provider, "outcome", outcome)
                            .increment();
                }
            }
        });
        registration.addUrlPatterns(PublicPaths.WEBHOOKS + "/*");
        return registration;
    }
}
