package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where an invitation leads: the invitee checks their name and chooses a password, and goes on to
 * enrol a second factor. Opening the link uses nothing up (mail scanners open links); sending the
 * form does, once.
 */
@Controller
class JoinPage {

    private final StaffInvitations invitations;
    private final PasswordRules rules;
    private final SignIns signIns;
    private final AuditLog audit;

    JoinPage(StaffInvitations invitations, PasswordRules rules, SignIns signIns, AuditLog audit) {
        this.invitations = invitations;
        this.rules = rules;
        this.signIns = signIns;
        this.audit = audit;
    }

    record Join(
            boolean valid,
            String token,
            String email,
            String name,
            String role,
            @Nullable String errorKey) {}

    @GetMapping("/newsroom/join/{token}")
    String show(@PathVariable String token, Model model) {
        var invitation = invitations.open(token);
        model.addAttribute(
                "page",
                invitation
                        .map(i -> new Join(true, token, i.email(), i.name(), roleKey(i.role()), null))
                        .orElse(new Join(false, "", "", "", "", null)));
        return "newsroom/join";
    }

    @PostMapping("/newsroom/join/{token}")
    String join(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var invitation = invitations.open(token);
        if (invitation.isEmpty()) {
            model.addAttribute("page", new Join(false, "", "", "", "", null));
            return "newsroom/join";
        }
        var pending = invitation.get();
        String chosenName = name.isBlank() ? pending.name() : name.strip();
        String problem = chosenName.length() > 200
                ? "staff.error.name"
                : !password.equals(confirmation)
                        ? "password.error.mismatch"
                        : rules.problem(password, pending.email(), chosenName).orElse(null);
        if (problem == null) {
            var member = invitations.accept(token, chosenName, password);
            if (member.isPresent()) {
                audit.record(
                        member.get(),
                        "staff-joined",
                        member.get().email() + " as " + roleKey(member.get().role()));
                signIns.passwordAccepted(member.get(), request, response);
                return "redirect:/newsroom/second-factor";
            }
            model.addAttribute("page", new Join(false, "", "", "", "", null));
            return "newsroom/join";
        }
        model.addAttribute(
                "page", new Join(true, token, pending.email(), chosenName, roleKey(pending.role()), problem));
        return "newsroom/join";
    }

    private static String roleKey(Role role) {
        return "staff.role." + role.name().toLowerCase(java.util.Locale.ROOT);
    }
}
