package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The second step of signing in: a code from the authenticator app, a recovery code, or a passkey;
 * and, for a member who has no second factor yet, enrolling one (an app or a passkey) before
 * anything else. Wrong codes count towards the sign-in throttle like wrong passwords.
 */
@Controller
class SecondFactorPage {

    static final String PENDING_SECRET = SecondFactorPage.class.getName() + ".secret";
    static final String ENROLLING_PASSKEY = SecondFactorPage.class.getName() + ".passkey";
    /** How long after the enrolment page a passkey registered from it completes the sign-in. */
    static final Duration ENROLMENT_WINDOW = Duration.ofMinutes(15);

    private final SecondFactors factors;
    private final SignIns signIns;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final Passkeys passkeys;
    private final Clock clock;
    private final String issuer;

    SecondFactorPage(
            SecondFactors factors,
            SignIns signIns,
            SignInThrottle throttle,
            AuditLog audit,
            Passkeys passkeys,
            Clock clock,
            TamizdatSettings settings) {
        this.factors = factors;
        this.signIns = signIns;
        this.throttle = throttle;
        this.audit = audit;
        this.passkeys = passkeys;
        this.clock = clock;
        this.issuer = settings.site().name();
    }

    record Verify(boolean enrolled, @Nullable String errorKey, long waitSeconds) {}

    record Enrol(
            String secret,
            String groupedSecret,
            String qrSvg,
            @Nullable String errorKey) {}

    record RecoveryCodes(List<String> codes, boolean signingIn) {}

    /** Who was shown the enrolment page in this session, and when. */
    record Enrolling(long staffId, Instant since) implements Serializable {}

    @GetMapping("/newsroom/second-factor")
    String show(Authentication who, HttpSession session, Model model) {
        if (who instanceof StaffAuthentication) {
            return "redirect:/newsroom";
        }
        var member = member(who);
        boolean enrolled = factors.enrolled(member);
        if (!enrolled) {
            session.setAttribute(ENROLLING_PASSKEY, new Enrolling(member.id(), clock.instant()));
        }
        model.addAttribute("page", new Verify(enrolled, null, 0));
        return "newsroom/second-factor";
    }

    @PostMapping("/newsroom/second-factor")
    String verify(
            Authentication who,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (who instanceof StaffAuthentication) {
            return "redirect:/newsroom";
        }
        var member = member(who);
        var wait = throttle.waitFor(member.email(), request.getRemoteAddr());
        if (!wait.isZero()) {
            model.addAttribute("page", new Verify(true, "second-factor.wait", Math.max(1, wait.toSeconds())));
            return "newsroom/second-factor";
        }
        var check = factors.verify(member.id(), code);
        if (check == SecondFactors.Check.WRONG) {
            throttle.failed(member.email(), request.getRemoteAddr());
            audit.record(member, "second-factor-failed", null);
            model.addAttribute("page", new Verify(factors.enrolled(member), "second-factor.wrong", 0));
            return "newsroom/second-factor";
        }
        String factor = check == SecondFactors.Check.TOTP ? "totp" : "recovery-code";
        var next = signIns.complete(member, factor, request, response);
        if (next.isEmpty()) {
            return "redirect:/newsroom/login?expired";
        }
        if (check == SecondFactors.Check.RECOVERY_CODE) {
            return "redirect:/newsroom/account?recovery-code-used";
        }
        return "redirect:" + next.get();
    }

    @GetMapping("/newsroom/second-factor/totp")
    String enrolTotp(Authentication who, HttpSession session, Model model) {
        String secret = Totp.newSecret();
        session.setAttribute(PENDING_SECRET, secret);
        return showEnrolment(model, secret, who, null);
    }

    @PostMapping("/newsroom/second-factor/totp")
    String confirmTotp(
            Authentication who,
            @RequestParam(defaultValue = "") String code,
            HttpSession session,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var member = member(who);
        if (!(session.getAttribute(PENDING_SECRET) instanceof String secret)) {
            return "redirect:/newsroom/second-factor/totp";
        }
        var codes = factors.enrolTotp(member.id(), secret, code);
        if (codes.isEmpty()) {
            return showEnrolment(model, secret, who, "second-factor.totp.wrong");
        }
        session.removeAttribute(PENDING_SECRET);
        audit.record(member, "totp-enrolled", null);
        boolean signingIn = !(who instanceof StaffAuthentication);
        if (signingIn && signIns.complete(member, "totp", request, response).isEmpty()) {
            return "redirect:/newsroom/login?expired";
        }
        model.addAttribute("page", new RecoveryCodes(codes.get(), signingIn));
        return "newsroom/recovery-codes";
    }

    /** Where the page's script comes once the browser has registered a passkey. */
    @GetMapping("/newsroom/second-factor/passkey")
    String passkeyRegistered(
            Authentication who,
            HttpSession session,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var member = member(who);
        // only the passkey this very session registered counts, never another of the member's
        Object registered = session.getAttribute(SessionBoundCredentials.REGISTERED);
        session.removeAttribute(SessionBoundCredentials.REGISTERED);
        boolean ours = registered instanceof String id
                && passkeys.of(member).stream().anyMatch(key -> key.id().equals(id));
        if (who instanceof StaffAuthentication) {
            if (!ours) {
                return "redirect:/newsroom/account";
            }
            audit.record(member, "passkey-added", null);
            return "redirect:/newsroom/account?passkey-added";
        }
        // with a password alone: registered while enrolling, by this session, shortly after it was
        // shown the enrolment page while the member had no second factor
        boolean enrolling = session.getAttribute(ENROLLING_PASSKEY) instanceof Enrolling started
                && started.staffId() == member.id()
                && started.since().plus(ENROLMENT_WINDOW).isAfter(clock.instant());
        if (!ours || !enrolling) {
            return "redirect:/newsroom/second-factor";
        }
        session.removeAttribute(ENROLLING_PASSKEY);
        audit.record(member, "passkey-added", null);
        if (signIns.complete(member, "passkey", request, response).isEmpty()) {
            return "redirect:/newsroom/login?expired";
        }
        model.addAttribute("page", new RecoveryCodes(factors.newRecoveryCodes(member.id()), true));
        return "newsroom/recovery-codes";
    }

    private String showEnrolment(Model model, String secret, Authentication who, @Nullable String errorKey) {
        String account = who.getName();
        model.addAttribute(
                "page",
                new Enrol(
                        secret,
                        secret.replaceAll("(.{4})(?!$)", "$1 "),
                        QrCode.svg(Totp.uri(issuer, account, secret)),
                        errorKey));
        return "newsroom/totp";
    }

    static StaffMember member(Authentication who) {
        if (who.getPrincipal() instanceof StaffPrincipal principal) {
            return principal.member();
        }
        throw new IllegalStateException("Not a staff sign-in");
    }
}
