package press.tamizdat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import press.tamizdat.platform.Text;

/**
 * Every form field and query parameter reaches the application without control characters (see
 * {@link Text#withoutControls}), public or newsroom: a vertical tab pasted into a headline would
 * otherwise break every feed, and a NUL is refused by PostgreSQL. Dropped rather than refused: no
 * one means to type them. Request bodies read as a whole (webhooks) are left as they came, since
 * their signatures cover every byte.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ControlCharacters extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Cleaned(request), response);
    }

    private static final class Cleaned extends HttpServletRequestWrapper {

        private @Nullable Map<String, String[]> parameters;

        Cleaned(HttpServletRequest request) {
            super(request);
        }

        private Map<String, String[]> parameters() {
            // read again until the wrapped request has them all: a multipart request adds its
            // fields once its parts are parsed
            Map<String, String[]> raw = super.getParameterMap();
            if (parameters == null || parameters.size() != raw.size()) {
                var clean = new LinkedHashMap<String, String[]>();
                raw.forEach((name, values) -> {
                    String[] copy = new String[values.length];
                    for (int i = 0; i < values.length; i++) {
                        // a test client may hand over a parameter without a value as null
                        copy[i] = values[i] == null ? null : Text.withoutControls(values[i]);
                    }
                    clean.merge(Text.withoutControls(name), copy, (a, b) -> concat(a, b));
                });
                parameters = Collections.unmodifiableMap(clean);
            }
            return parameters;
        }

        private static String[] concat(String[] a, String[] b) {
            String[] both = new String[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }

        @Override
        public @Nullable String getParameter(String name) {
            String[] values = parameters().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            String[] values = parameters().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters().keySet());
        }
    }
}
