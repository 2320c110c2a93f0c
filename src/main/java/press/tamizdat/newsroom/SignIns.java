package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
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

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final RequestCache savedRequests = new HttpSessionRequestCache();
    private final SignInThrottle throttle;
    private final StaffSessions sessions;
    private final AuditLog audit;
    private final Clock clock;

    SignIns(SignInThrottle throttle, StaffSessions sessions, AuditLog audit, Clock clock) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /** Signs {@code member} in fully; returns where to go next (the page they first asked for, or the newsroom). */
    String complete(StaffMember member, String factor, HttpServletRequest request, HttpServletResponse response) {
        var now = clock.instant();
        String ref = sessions.open(member, factor);
        store(new StaffAuthentication(new StaffPrincipal(member, null), ref, factor, now, now), request, response);
        throttle.succeeded(member.email(), request.getRemoteAddr());
        audit.record(member, "sign-in", factor);
        var saved = savedRequests.getRequest(request, response);
        savedRequests.removeRequest(request, response);
        if (saved != null && saved.getMethod().equals("GET")) {
            String path = java.net.URI.create(saved.getRedirectUrl()).getRawPath();
            if (path != null && path.startsWith("/newsroom") && !path.startsWith("/newsroom/second-factor")) {
                return path;
            }
        }
        return "/newsroom";
    }

    /**
     * The first step only, as if the password had been typed on the sign-in page: for a member who
     * has just chosen it on their invitation. The second factor comes next, as always.
     */
    void passwordAccepted(StaffMember member, HttpServletRequest request, HttpServletResponse response) {
        var principal = new StaffPrincipal(member, null);
        request.getSession();
        request.changeSessionId();
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
