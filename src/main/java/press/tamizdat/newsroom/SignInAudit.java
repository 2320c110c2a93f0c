package press.tamizdat.newsroom;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/** Accepted passwords, failed sign-ins (with the address that was tried) and sign-outs go to the audit log. */
@Component
class SignInAudit {

    private final AuditLog audit;

    SignInAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StaffPrincipal principal) {
            // the first step only: "sign-in" is recorded when the second factor completes it
            audit.record(principal.member(), "password-accepted", null);
        }
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        audit.failedSignIn(event.getAuthentication().getName());
    }

    @EventListener
    void on(LogoutSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StaffPrincipal principal) {
            audit.record(principal.member(), "sign-out", null);
        }
    }
}
