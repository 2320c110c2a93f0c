package press.tamizdat.newsroom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before each newsroom request is authorised: a passkey sign-in becomes a full staff sign-in; a
 * session that was ended (by its owner, an admin, or a change to the member) is refused at once;
 * and a sign-in older than the absolute timeout ends, however busy the session has been. (The idle
 * timeout is the servlet session's own.)
 */
class SessionLimits extends OncePerRequestFilter {

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final SignIns signIns;
    private final SecuritySettings settings;
    private final Clock clock;

    SessionLimits(
            StaffAccounts accounts, StaffSessions sessions, SignIns signIns, SecuritySettings settings, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.signIns = signIns;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof WebAuthnAuthentication passkey) {
            var member = accounts.findActiveByEmail(passkey.getName());
            if (member.isEmpty()) {
                end(request, response);
                return;
            }
            signIns.complete(member.get(), "passkey", request, response);
        } else if (authentication instanceof StaffAuthentication staff
                && (staff.signedInAt().plus(settings.absoluteTimeout()).isBefore(clock.instant())
                        || !sessions.stillOpen(staff.ref()))) {
            sessions.end(staff.member(), staff.ref());
            end(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void end(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        response.sendRedirect(request.getContextPath() + "/newsroom/login?expired");
    }
}
