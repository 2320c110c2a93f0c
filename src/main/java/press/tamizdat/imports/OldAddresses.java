package press.tamizdat.imports;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import press.tamizdat.publishing.Articles;

/**
 * The old site's addresses of imported articles answer {@code 301} to the article's page here, so
 * links and search results that point at the old site keep working once its domain points at us.
 * The addresses are held in memory (read again every minute, and at once after an import on this
 * node); a page of ours never gives way to an old address.
 */
@Configuration(proxyBeanMethods = false)
class OldAddresses {

    static final Duration REREAD = Duration.ofMinutes(1);

    /** An old path as it is looked up: lower-case, no trailing slash, only WordPress's id query kept. */
    static String normalize(String path) {
        String value = path.strip();
        int hash = value.indexOf('#');
        if (hash >= 0) {
            value = value.substring(0, hash);
        }
        String query = "";
        int question = value.indexOf('?');
        if (question >= 0) {
            var id = java.util.regex.Pattern.compile("(?:^|&)((?:p|page_id)=\\d+)(?:&|$)")
                    .matcher(value.substring(question + 1));
            query = id.find() ? "?" + id.group(1) : "";
            value = value.substring(0, question);
        }
        value = value.toLowerCase(Locale.ROOT);
        if (!value.startsWith("/")) {
            value = "/" + value;
        }
        while (value.length() > 1 && value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value + query;
    }

    /** The addresses, read from the database. */
    static final class Known {
        private final JdbcClient db;
        private final AtomicReference<Map<String, Long>> paths = new AtomicReference<>(Map.of());
        /** When the addresses were last read; the first look reads them (nanoTime may be any number). */
        private volatile long readAt = System.nanoTime() - REREAD.toNanos() - 1;

        Known(JdbcClient db) {
            this.db = db;
        }

        Optional<Long> article(String path) {
            if (System.nanoTime() - readAt > REREAD.toNanos()) {
                reread();
            }
            return Optional.ofNullable(paths.get().get(path));
        }

        void reread() {
            var read = new java.util.HashMap<String, Long>();
            db.sql("SELECT path, article_id FROM imported_address")
                    .query((rs, n) -> read.put(rs.getString("path"), rs.getLong("article_id")))
                    .list();
            paths.set(Map.copyOf(read));
            readAt = System.nanoTime();
        }

        boolean isEmpty() {
            return paths.get().isEmpty();
        }
    }

    @Bean
    Known oldAddressBook(JdbcClient db) {
        return new Known(db);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> oldAddressRedirects(Known known, Articles articles) {
        var filter = new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String method = request.getMethod();
                return !method.equals("GET") && !method.equals("HEAD");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String query = request.getQueryString();
                String path = normalize(request.getRequestURI() + (query == null ? "" : "?" + query));
                var article = known.article(path).flatMap(articles::publishedPath);
                if (article.isPresent() && !article.get().equals(path)) {
                    response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
                    response.setHeader("Location", article.get());
                    response.setHeader("Cache-Control", "public, max-age=86400");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        // after the page cache (a cached page is ours and never an old address) and the request checks
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
