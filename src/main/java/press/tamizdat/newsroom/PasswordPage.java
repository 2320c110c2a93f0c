package press.tamizdat.newsroom;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where staff change their password, and where a one-time password must be replaced. */
@Controller
class PasswordPage {

    private final StaffAccounts accounts;

    private final AuditLog audit;
    private final StaffSessions sessions;

    PasswordPage(StaffAccounts accounts, AuditLog audit, StaffSessions sessions) {
        this.audit = audit;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @GetMapping("/newsroom/password")
    String show(Principal principal, Model model) {
        model.addAttribute("page", new PasswordForm(accounts.mustChangePassword(principal.getName()), null));
        return "newsroom/password";
    }

    @PostMapping("/newsroom/password")
    String change(
            Principal principal,
            @RequestParam String current,
            @RequestParam String replacement,
            @RequestParam String confirmation,
            Model model) {
        var outcome = accounts.changePassword(principal.getName(), current, replacement, confirmation);
        if (outcome.done()) {
            // a password that may have been known to someone else: their sessions end with it
            int ended = principal instanceof StaffAuthentication staff
                    ? sessions.endAllBut(staff.member(), staff.ref())
                    : 0;
            audit.record("staff-password-changed", ended + " other sessions ended");
            return "redirect:/newsroom?password-changed";
        }
        model.addAttribute(
                "page", new PasswordForm(accounts.mustChangePassword(principal.getName()), outcome.messageKey()));
        return "newsroom/password";
    }

    record PasswordForm(boolean firstLogin, @Nullable String errorKey) {}
}
