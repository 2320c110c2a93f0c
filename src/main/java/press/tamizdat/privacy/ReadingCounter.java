package press.tamizdat.privacy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import press.tamizdat.web.SurrogateKeys;

/**
 * Counts a reading when a person's browser is answered an article page, full or light, whether
 * it was rendered or came from the page cache: the filter runs before the cache and reads the
 * article from the page's surrogate keys. A reload the browser revalidates (304) is not counted
 * again. Each node writes its counts every few seconds, and once more as it stops.
 */
@Configuration(proxyBeanMethods = false)
class ReadingCounter {

    private static final Logger log = LoggerFactory.getLogger(ReadingCounter.class);

    @Bean
    FilterRegistrationBean<CountingFilter> readingCounterFilter(PageViews views) {
        var registration = new FilterRegistrationBean<>(new CountingFilter(views));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    SmartLifecycle readingCountWriter(PageViews views, PrivacySettings settings) {
        return new SmartLifecycle() {
            private @Nullable ScheduledExecutorService timer;

            @Override
            public synchronized void start() {
                timer = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("reading-counts").daemon().factory());
                long every = settings.countsWrittenEvery().toMillis();
                timer.scheduleWithFixedDelay(() -> write(views), every, every, TimeUnit.MILLISECONDS);
            }

            @Override
            public synchronized void stop() {
                if (timer != null) {
                    timer.shutdown();
                    timer = null;
                    write(views);
                }
            }

            @Override
            public synchronized boolean isRunning() {
                return timer != null;
            }

            @Override
            public int getPhase() {
                // stops after the web server's graceful end (its phase is DEFAULT_PHASE - 1024), so the
                // last requests are counted, and before the server stops and the data source closes
                return SmartLifecycle.DEFAULT_PHASE - 1536;
            }
        };
    }

    private static void write(PageViews views) {
        try {
            views.write();
        } catch (RuntimeException e) {
            // the counts that failed are lost, never the reading: counting must not break a page
            log.warn("Reading counts could not be written", e);
        }
    }

    static final class CountingFilter extends OncePerRequestFilter {

        private final PageViews views;

        CountingFilter(PageViews views) {
            this.views = views;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String path = request.getRequestURI();
            return !request.getMethod().equals("GET")
                    || path.startsWith("/newsroom")
                    || path.startsWith("/assets/")
                    || path.startsWith("/media/")
                    || path.startsWith("/actuator");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, response);
            if (response.getStatus() != HttpServletResponse.SC_OK) {
                return;
            }
            var article = SurrogateKeys.articleOf(response.getHeader(SurrogateKeys.HEADER));
            if (article.isPresent() && Readers.isPerson(request)) {
                views.count(article.getAsLong(), Readers.referringHost(request));
            }
        }
    }
}
