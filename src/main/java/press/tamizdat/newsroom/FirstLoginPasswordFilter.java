package press.tamizdat.newsroom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Keeps a staff member with a one-time password on the password page until they choose their own. */
class FirstLoginPasswordFilter extends OncePerRequestFilter {

    static final String PASSWORD_PAGE = "/newsroom/password";

    private final StaffAccounts accounts;

    FirstLoginPasswordFilter(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/newsroom")
                || path.equals(PASSWORD_PAGE)
                || path.equals("/newsroom/login")
                || path.equals("/newsroom/logout");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var principal = request.getUserPrincipal();
        if (principal != null && accounts.mustChangePassword(principal.getName())) {
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
