package press.tamizdat.newsroom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds back a password attempt that comes before the throttle allows, without checking it: the
 * answer is the same "wait" for a real account and an unknown one.
 */
class ThrottledSignIn extends OncePerRequestFilter {

    private final SignInThrottle throttle;

    ThrottledSignIn(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST")
                || !request.getRequestURI()
                        .substring(request.getContextPath().length())
                        .equals("/newsroom/login");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = request.getParameter("email");
        var wait = throttle.waitFor(email == null ? "" : email, request.getRemoteAddr());
        if (!wait.isZero()) {
            response.sendRedirect(request.getContextPath() + "/newsroom/login?wait=" + Math.max(1, wait.toSeconds()));
            return;
        }
        chain.doFilter(request, response);
    }
}
