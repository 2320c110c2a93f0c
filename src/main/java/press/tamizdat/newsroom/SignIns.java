package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;

/**
 * Completes a sign-in once the second factor is shown (or a passkey is used), and records a second
 * factor shown again for a sensitive action. Each gives the session a new id, so an id seen before
 * is worth nothing after (session fixation).
 */
@Component
class SignIns {

    /** The session attribute with the time the password was accepted (the second factor must follow soon). */
    static final String PASSWORD_ACCEPTED_AT = SignIns.class.getName() + ".passwordAcceptedAt";

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final RequestCache savedRequests = new HttpSessionRequestCache();
    private final StaffAccounts accounts;
    private final SignInThrottle throttle;
    private final StaffSessions sessions;
    private final AuditLog audit;
    private final Clock clock;

    SignIns(StaffAccounts accounts, SignInThrottle throttle, StaffSessions sessions, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Signs {@code member} in fully, as they are now (a member deactivated or given another role
     * since their password was accepted gets no session, or gets the new role); returns where to go
     * next (the page first asked for, or the newsroom), or empty when the member may no longer sign in.
     */
    Optional<String> complete(
            StaffMember member, String factor, HttpServletRequest request, HttpServletResponse response) {
        var current = accounts.findActive(member.id());
        if (current.isEmpty()) {
            end(request);
            return Optional.empty();
        }
        var now = clock.instant();
        String ref = sessions.open(current.get(), factor);
        store(
                new StaffAuthentication(new StaffPrincipal(current.get(), null), ref, factor, now, now),
                request,
                response);
        throttle.succeeded(member.email(), request.getRemoteAddr());
        audit.record(current.get(), "sign-in", factor);
        var saved = savedRequests.getRequest(request, response);
        savedRequests.removeRequest(request, response);
        if (saved != null && saved.getMethod().equals("GET")) {
            String path = java.net.URI.create(saved.getRedirectUrl()).getRawPath();
            if (path != null && path.startsWith("/newsroom") && !path.startsWith("/newsroom/second-factor")) {
                return Optional.of(path);
            }
        }
        return Optional.of("/newsroom");
    }

    /** Notes when the password was accepted: the second factor must follow within a short while. */
    void notePasswordAccepted(HttpServletRequest request) {
        request.getSession().setAttribute(PASSWORD_ACCEPTED_AT, clock.instant());
    }

    /** Ends the sign-in of this request, whatever its state: the session goes, and what it held. */
    static void end(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    /**
     * The first step only, as if the password had been typed on the sign-in page: for a member who
     * has just chosen it on their invitation. The second factor comes next, as always.
     */
    void passwordAccepted(StaffMember member, HttpServletRequest request, HttpServletResponse response) {
        var principal = new StaffPrincipal(member, null);
        request.getSession();
        request.changeSessionId();
        notePasswordAccepted(request);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** Notes that {@code staff} showed their second factor again just now. */
    void confirmed(StaffAuthentication staff, String factor, HttpServletRequest request, HttpServletResponse response) {
        store(staff.confirmed(factor, clock.instant()), request, response);
        audit.record(staff.member(), "second-factor-confirmed", factor);
    }

    private void store(StaffAuthentication authentication, HttpServletRequest request, HttpServletResponse response) {
        request.changeSessionId();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
