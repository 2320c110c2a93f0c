package press.tamizdat.reach;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import press.tamizdat.web.PublicPaths;

/**
 * {@code Onion-Location} on every public page once the outlet has an onion address: Tor Browser
 * then offers the reader the same page on the onion service. It runs inside the page cache, so a
 * cached page carries it too, and the cache is emptied when the address changes.
 */
@Component
class OnionLocation extends OncePerRequestFilter {

    private final Mirrors mirrors;

    OnionLocation(Mirrors mirrors) {
        this.mirrors = mirrors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")
                || path.startsWith("/newsroom")
                || path.startsWith(PublicPaths.ASSETS)
                || PublicPaths.isMedia(path)
                || path.startsWith("/actuator")
                || path.startsWith("/login")
                || path.startsWith("/webauthn")
                || PublicPaths.isPersonal(path)
                || path.startsWith("/error");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        mirrors.onion()
                .ifPresent(onion -> response.setHeader(
                        "Onion-Location",
                        onion
                                + request.getRequestURI()
                                        .substring(request.getContextPath().length())
                                + PublicPaths.pageQuery(request.getParameterMap())));
        chain.doFilter(request, response);
    }
}
