package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Confirm it is you": the second factor shown again before a sensitive action (exporting readers'
 * or supporters' data, payment settings, staff changes) when it was last shown too long ago. A
 * passkey sign-in on this page does the same.
 */
@Controller
class ConfirmPage {

    private final SecondFactors factors;
    private final SignIns signIns;
    private final SignInThrottle throttle;
    private final AuditLog audit;

    ConfirmPage(SecondFactors factors, SignIns signIns, SignInThrottle throttle, AuditLog audit) {
        this.factors = factors;
        this.signIns = signIns;
        this.throttle = throttle;
        this.audit = audit;
    }

    record Confirm(String next, boolean hasTotp, @Nullable String errorKey) {}

    @GetMapping("/newsroom/confirm")
    String show(Authentication who, @RequestParam(defaultValue = "/newsroom") String next, Model model) {
        var staff = (StaffAuthentication) who;
        model.addAttribute(
                "page",
                new Confirm(
                        safe(next),
                        factors.hasTotp(staff.member().id())
                                || factors.recoveryCodesLeft(staff.member().id()) > 0,
                        null));
        return "newsroom/confirm";
    }

    @PostMapping("/newsroom/confirm")
    String confirm(
            Authentication who,
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "/newsroom") String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var staff = (StaffAuthentication) who;
        var member = staff.member();
        if (!throttle.waitFor(member.email(), request.getRemoteAddr()).isZero()) {
            model.addAttribute("page", new Confirm(safe(next), true, "second-factor.wait-short"));
            return "newsroom/confirm";
        }
        var check = factors.verify(member.id(), code);
        if (check == SecondFactors.Check.WRONG) {
            throttle.failed(member.email(), request.getRemoteAddr());
            audit.record(member, "second-factor-failed", "confirm");
            model.addAttribute("page", new Confirm(safe(next), true, "second-factor.wrong"));
            return "newsroom/confirm";
        }
        signIns.confirmed(staff, check == SecondFactors.Check.TOTP ? "totp" : "recovery-code", request, response);
        return "redirect:" + safe(next);
    }

    /**
     * Only a newsroom path of ours: never a way to send staff to another site. Braces are escaped,
     * since Spring expands a redirect's URL as a URI template (a 500 for {@code /newsroom/{nope}}).
     */
    static String safe(String next) {
        return next.startsWith("/newsroom")
                        && !next.startsWith("//")
                        && !next.contains("\\")
                        && !next.contains("://")
                        && next.chars().noneMatch(Character::isISOControl)
                ? next.replace("{", "%7B").replace("}", "%7D")
                : "/newsroom";
    }
}
