package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.stereotype.Component;

/**
 * A passkey sign-in, completed in the same response as the passkey is checked: the member is
 * signed in fully there (with a new session id, so an id known before is worth nothing), and a
 * session this browser had before is ended rather than left behind. Spring Security's WebAuthn
 * filter calls this in place of its own handlers; the page's script follows the answer.
 */
@Component
class PasskeySignIns implements SessionAuthenticationStrategy, AuthenticationSuccessHandler {

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final SignIns signIns;

    PasskeySignIns(StaffAccounts accounts, StaffSessions sessions, SignIns signIns) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.signIns = signIns;
    }

    /** Before the new sign-in is stored: the one it replaces (if any) ends. */
    @Override
    public void onAuthentication(
            Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof StaffAuthentication before) {
            sessions.end(before.member(), before.ref());
        }
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var member = accounts.findActiveByEmail(authentication.getName());
        var next = member.isEmpty()
                ? java.util.Optional.<String>empty()
                : signIns.complete(member.get(), "passkey", request, response);
        response.setContentType("application/json");
        if (next.isEmpty()) {
            SignIns.end(request);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.getWriter().write("{\"authenticated\":false}");
            return;
        }
        // a path of ours, from the newsroom's own pages: nothing in it needs escaping in JSON
        response.getWriter()
                .write("{\"authenticated\":true,\"redirectUrl\":\"" + next.get().replace("\"", "") + "\"}");
    }
}
