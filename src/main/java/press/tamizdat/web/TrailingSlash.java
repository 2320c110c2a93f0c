package press.tamizdat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A reader who types {@code /lite/} or {@code /en/some-story/} lands on the page: a public GET or
 * HEAD whose path ends with a slash is sent, permanently, to the same path without it (and with
 * its query). The result always starts with one slash, so {@code //other.example/} cannot become
 * a link to another site.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class TrailingSlash extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.length() < 2
                || !path.endsWith("/")
                || !(request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))
                || path.startsWith("/newsroom/")
                || !request.getContextPath().isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String canonical = "/" + request.getRequestURI().replaceAll("^/+", "").replaceAll("/+$", "");
        String query = request.getQueryString();
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader(HttpHeaders.LOCATION, query == null ? canonical : canonical + "?" + query);
        // the same for every reader, so it may be cached like a page
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }
}
