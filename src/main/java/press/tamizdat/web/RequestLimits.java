package press.tamizdat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Refuses a body too large for whoever sends it before anything reads it: a reader's form post
 * over {@link RequestSettings#publicForm} (413), a payment provider's event over
 * {@link RequestSettings#webhook} (413), either without a stated length (411), and a multipart
 * body anywhere but where a handler takes a file (415). So nobody can make a public form, or the
 * webhook, buffer megabytes; uploads keep the multipart limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestLimits extends OncePerRequestFilter {

    private final RequestSettings settings;
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile @Nullable List<PathPattern> uploads;

    RequestLimits(
            RequestSettings settings,
            @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
                    ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.settings = settings;
        this.mappings = mappings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") && !takesFiles(path)) {
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        if (path.startsWith("/newsroom") || path.startsWith("/login") || path.startsWith("/webauthn")) {
            // staff, signed in (or signing in): bounded by the container's form and upload limits
            chain.doFilter(request, response);
            return;
        }
        long limit = path.startsWith(PublicPaths.WEBHOOKS + "/")
                ? settings.webhook().toBytes()
                : settings.publicForm().toBytes();
        long length = request.getContentLengthLong();
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
            return;
        }
        if (length > limit) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether a handler mapped to {@code path} takes an uploaded file. */
    private boolean takesFiles(String path) {
        var patterns = uploads;
        if (patterns == null) {
            patterns = mappings.getObject().getHandlerMethods().entrySet().stream()
                    .filter(entry -> java.util.Arrays.stream(entry.getValue().getMethodParameters())
                            .anyMatch(parameter -> MultipartFile.class.isAssignableFrom(parameter.getParameterType())
                                    || Part.class.isAssignableFrom(parameter.getParameterType())))
                    .flatMap(entry -> entry.getKey().getPathPatternsCondition() == null
                            ? java.util.stream.Stream.<PathPattern>empty()
                            : entry.getKey().getPathPatternsCondition().getPatterns().stream())
                    .toList();
            uploads = patterns;
        }
        var container = org.springframework.http.server.PathContainer.parsePath(path);
        return patterns.stream().anyMatch(pattern -> pattern.matches(container));
    }
}
