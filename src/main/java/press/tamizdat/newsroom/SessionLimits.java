package press.tamizdat.newsroom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before each newsroom request is authorised: a password step that lasted too long, or whose
 * member was deactivated meanwhile, ends; a session that was ended (by its owner, an admin, or a change to the member) is refused at once;
 * and a sign-in older than the absolute timeout ends, however busy the session has been. (The idle
 * timeout is the servlet session's own.)
 */
class SessionLimits extends OncePerRequestFilter {

    /** How long a session may stay at "password accepted" before the second factor. */
    static final Duration PASSWORD_STEP = Duration.ofMinutes(30);

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final SecuritySettings settings;
    private final Clock clock;

    SessionLimits(StaffAccounts accounts, StaffSessions sessions, SecuritySettings settings, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof UsernamePasswordAuthenticationToken password
                && password.getPrincipal() instanceof StaffPrincipal principal
                && (passwordStepTooOld(request)
                        || accounts.findActive(principal.member().id()).isEmpty())) {
            // a password alone is a step, not a state to stay in: it lasts a short while, and ends
            // at once for a member deactivated meanwhile
            end(request, response);
            return;
        } else if (authentication instanceof StaffAuthentication staff
                && (staff.signedInAt().plus(settings.absoluteTimeout()).isBefore(clock.instant())
                        || !sessions.stillOpen(staff.ref()))) {
            sessions.end(staff.member(), staff.ref());
            end(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean passwordStepTooOld(HttpServletRequest request) {
        var session = request.getSession(false);
        return session == null
                || !(session.getAttribute(SignIns.PASSWORD_ACCEPTED_AT) instanceof Instant at)
                || at.plus(PASSWORD_STEP).isBefore(clock.instant());
    }

    private static void end(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignIns.end(request);
        response.sendRedirect(request.getContextPath() + "/newsroom/login?expired");
    }
}
