package press.tamizdat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query or form whose bytes are not UTF-8 (or not percent-encoding at all) is the sender's
 * mistake: answered 400 with the error page, before anything reads it. Left to the container, the
 * first filter to read a parameter would throw, and every such request would log a stack trace.
 * Runs after the character encoding is set and the body's size is checked, before the page cache.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class UnreadableParameters extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // a body the container does not parse into parameters (JSON, a webhook's, an upload) is left as it is
        String type = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
        return !(request.getQueryString() != null || type.startsWith("application/x-www-form-urlencoded"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException unreadable) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }
}
