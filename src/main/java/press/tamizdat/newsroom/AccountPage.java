package press.tamizdat.newsroom;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A member's own security: their authenticator app, passkeys, recovery codes and open sessions.
 * The last second factor cannot be removed (every account keeps one); ending a session here works
 * like an admin ending it, at that session's next request.
 */
@Controller
class AccountPage {

    private final SecondFactors factors;
    private final Passkeys passkeys;
    private final StaffSessions sessions;
    private final AuditLog audit;

    AccountPage(SecondFactors factors, Passkeys passkeys, StaffSessions sessions, AuditLog audit) {
        this.factors = factors;
        this.passkeys = passkeys;
        this.sessions = sessions;
        this.audit = audit;
    }

    record AccountView(
            StaffMember member,
            boolean totp,
            List<Passkeys.Passkey> passkeys,
            int recoveryCodesLeft,
            List<StaffSessions.OpenSession> sessions,
            String currentSession,
            @Nullable String notice,
            @Nullable String problem) {}

    @GetMapping("/newsroom/account")
    String show(
            Authentication who,
            @RequestParam(name = "recovery-code-used", required = false) @Nullable String recoveryCodeUsed,
            @RequestParam(name = "passkey-added", required = false) @Nullable String passkeyAdded,
            Model model) {
        var staff = (StaffAuthentication) who;
        var member = staff.member();
        String notice = (String) model.getAttribute("notice");
        if (recoveryCodeUsed != null) {
            notice = "account.notice.recovery-code-used";
        } else if (passkeyAdded != null) {
            notice = "account.notice.passkey-added";
        }
        model.addAttribute(
                "page",
                new AccountView(
                        member,
                        factors.hasTotp(member.id()),
                        passkeys.of(member),
                        factors.recoveryCodesLeft(member.id()),
                        sessions.openOf(member),
                        staff.ref(),
                        notice,
                        (String) model.getAttribute("problem")));
        return "newsroom/account";
    }

    @PostMapping("/newsroom/account/recovery-codes")
    String newRecoveryCodes(Authentication who, Model model) {
        var member = ((StaffAuthentication) who).member();
        var codes = factors.newRecoveryCodes(member.id());
        audit.record(member, "recovery-codes-renewed", null);
        model.addAttribute("page", new SecondFactorPage.RecoveryCodes(codes, false));
        return "newsroom/recovery-codes";
    }

    @PostMapping("/newsroom/account/passkeys/{id}/remove")
    String removePasskey(Authentication who, @PathVariable String id, RedirectAttributes redirect) {
        var member = ((StaffAuthentication) who).member();
        switch (factors.removePasskey(member, id)) {
            case LAST_FACTOR -> redirect.addFlashAttribute("problem", "account.error.last-factor");
            case REMOVED -> {
                audit.record(member, "passkey-removed", null);
                redirect.addFlashAttribute("notice", "account.notice.passkey-removed");
            }
            case NOT_FOUND -> {}
        }
        return "redirect:/newsroom/account";
    }

    @PostMapping("/newsroom/account/sessions/{id}/end")
    String endSession(Authentication who, @PathVariable String id, RedirectAttributes redirect) {
        var member = ((StaffAuthentication) who).member();
        if (sessions.end(member, id)) {
            audit.record(member, "staff-session-ended", "session " + id);
            redirect.addFlashAttribute("notice", "staff.notice.session-ended");
        }
        return "redirect:/newsroom/account";
    }
}
