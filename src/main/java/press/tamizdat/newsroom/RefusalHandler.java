package press.tamizdat.newsroom;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

/**
 * What a signed-in member sees when the permission table refuses a request: the second-factor page
 * while only the password is in, the confirmation page when a sensitive action wants the second
 * factor again, and otherwise a plain 403 page.
 */
class RefusalHandler implements AccessDeniedHandler {

    private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        var refusal = denied instanceof AuthorizationDeniedException authorization
                        && authorization.getAuthorizationResult() instanceof PermissionCheck.Decision decision
                ? decision.refusal()
                : null;
        String context = request.getContextPath();
        if (refusal == PermissionCheck.Refusal.SECOND_FACTOR) {
            response.sendRedirect(context + "/newsroom/second-factor");
        } else if (refusal == PermissionCheck.Refusal.CONFIRM) {
            response.sendRedirect(
                    context + "/newsroom/confirm?next=" + URLEncoder.encode(next(request), StandardCharsets.UTF_8));
        } else {
            forbidden.handle(request, response, denied);
        }
    }

    /** Back to the page itself, or for a form sent, to the page the form was on. */
    private static String next(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getMethod().equals("GET")) {
            return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        }
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                String from = URI.create(referer).getRawPath();
                if (from != null) {
                    return ConfirmPage.safe(from.substring(
                            Math.min(from.length(), request.getContextPath().length())));
                }
            } catch (IllegalArgumentException ignored) {
                // not an address: go to the newsroom's front page
            }
        }
        return "/newsroom";
    }
}
