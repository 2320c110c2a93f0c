package press.tamizdat.newsroom;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff management for admins: who is on the staff, invitations, and for each member their role,
 * whether they may sign in, their open sessions and their second factors. Every change is in the
 * audit log, and a change of role, a deactivation or a reset of second factors ends the member's
 * sessions at once. An admin cannot demote or deactivate themselves, so the newsroom always keeps one.
 */
@Controller
class StaffDesk {

    private final StaffAccounts accounts;
    private final StaffInvitations invitations;
    private final StaffSessions sessions;
    private final SecondFactors factors;
    private final Passkeys passkeys;
    private final CurrentStaff staff;
    private final AuditLog audit;

    StaffDesk(
            StaffAccounts accounts,
            StaffInvitations invitations,
            StaffSessions sessions,
            SecondFactors factors,
            Passkeys passkeys,
            CurrentStaff staff,
            AuditLog audit) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.sessions = sessions;
        this.factors = factors;
        this.passkeys = passkeys;
        this.staff = staff;
        this.audit = audit;
    }

    record Row(StaffMember member, boolean active, boolean totp, int passkeys) {}

    record Invite(String email, String name, Role role) {
        static final Invite BLANK = new Invite("", "", Role.AUTHOR);
    }

    record StaffView(
            List<Row> members,
            List<StaffInvitations.Pending> pending,
            List<Role> roles,
            Invite invite,
            Map<String, String> problems,
            @Nullable String notice) {}

    record MemberView(
            StaffMember member,
            boolean active,
            Instant since,
            boolean totp,
            List<Passkeys.Passkey> passkeys,
            int recoveryCodesLeft,
            List<StaffSessions.OpenSession> sessions,
            List<Role> roles,
            boolean self,
            @Nullable String notice,
            @Nullable String problem) {}

    @GetMapping("/newsroom/staff")
    String list(Model model) {
        return show(model, Invite.BLANK, Map.of(), (String) model.getAttribute("notice"));
    }

    @PostMapping("/newsroom/staff/invitations")
    String invite(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "AUTHOR") String role,
            Model model,
            RedirectAttributes redirect) {
        var chosen = role(role);
        var form = new Invite(email, name, chosen);
        StaffInvitations.Outcome outcome;
        try {
            outcome = invitations.invite(staff.require(), email, name, chosen);
        } catch (StaffInvitations.NotSent notSent) {
            return show(model, form, Map.of("form", "staff.error.mail"), null);
        }
        if (!outcome.done()) {
            return show(model, form, Map.of("form", outcome.messageKey()), null);
        }
        audit.record("staff-invited", StaffAccounts.normalize(email) + " as " + label(chosen));
        redirect.addFlashAttribute("notice", outcome.messageKey());
        return "redirect:/newsroom/staff";
    }

    @PostMapping("/newsroom/staff/invitations/{id}/withdraw")
    String withdraw(@PathVariable long id, RedirectAttributes redirect) {
        if (invitations.withdraw(id)) {
            audit.record("staff-invitation-withdrawn", "invitation " + id);
            redirect.addFlashAttribute("notice", "staff.notice.withdrawn");
        }
        return "redirect:/newsroom/staff";
    }

    @GetMapping("/newsroom/staff/{id}")
    String member(@PathVariable long id, Model model) {
        return showMember(model, id, (String) model.getAttribute("notice"), (String) model.getAttribute("problem"));
    }

    @PostMapping("/newsroom/staff/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam String role, RedirectAttributes redirect) {
        var member = find(id);
        if (refuseSelf(member, redirect)) {
            return back(id);
        }
        var chosen = role(role);
        if (accounts.setRole(id, chosen)) {
            int ended = sessions.endAll(member.member());
            audit.record(
                    "staff-role-changed",
                    member.member().email() + ": " + label(member.member().role()) + " to " + label(chosen) + ", "
                            + ended + " sessions ended");
            redirect.addFlashAttribute("notice", "staff.notice.role");
        }
        return back(id);
    }

    @PostMapping("/newsroom/staff/{id}/deactivate")
    String deactivate(@PathVariable long id, RedirectAttributes redirect) {
        var member = find(id);
        if (refuseSelf(member, redirect)) {
            return back(id);
        }
        if (accounts.setActive(id, false)) {
            int ended = sessions.endAll(member.member());
            audit.record("staff-deactivated", member.member().email() + ", " + ended + " sessions ended");
            redirect.addFlashAttribute("notice", "staff.notice.deactivated");
        }
        return back(id);
    }

    @PostMapping("/newsroom/staff/{id}/reactivate")
    String reactivate(@PathVariable long id, RedirectAttributes redirect) {
        var member = find(id);
        if (accounts.setActive(id, true)) {
            audit.record("staff-reactivated", member.member().email());
            redirect.addFlashAttribute("notice", "staff.notice.reactivated");
        }
        return back(id);
    }

    @PostMapping("/newsroom/staff/{id}/second-factors/reset")
    String resetSecondFactors(@PathVariable long id, RedirectAttributes redirect) {
        var member = find(id);
        if (refuseSelf(member, redirect)) {
            return back(id);
        }
        factors.reset(member.member());
        int ended = sessions.endAll(member.member());
        audit.record("staff-second-factors-reset", member.member().email() + ", " + ended + " sessions ended");
        redirect.addFlashAttribute("notice", "staff.notice.reset");
        return back(id);
    }

    @PostMapping("/newsroom/staff/{id}/sessions/{session}/end")
    String endSession(@PathVariable long id, @PathVariable String session, RedirectAttributes redirect) {
        var member = find(id);
        if (sessions.end(member.member(), session)) {
            audit.record("staff-session-ended", member.member().email() + ", session " + session);
            redirect.addFlashAttribute("notice", "staff.notice.session-ended");
        }
        return back(id);
    }

    private String show(Model model, Invite invite, Map<String, String> problems, @Nullable String notice) {
        var rows = accounts.listing().stream()
                .map(listing -> new Row(
                        listing.member(),
                        listing.active(),
                        factors.hasTotp(listing.member().id()),
                        passkeys.count(listing.member())))
                .toList();
        model.addAttribute(
                "page", new StaffView(rows, invitations.pending(), List.of(Role.values()), invite, problems, notice));
        return "newsroom/staff";
    }

    private String showMember(Model model, long id, @Nullable String notice, @Nullable String problem) {
        var listing = find(id);
        var member = listing.member();
        model.addAttribute(
                "page",
                new MemberView(
                        member,
                        listing.active(),
                        listing.since(),
                        factors.hasTotp(id),
                        passkeys.of(member),
                        factors.recoveryCodesLeft(id),
                        sessions.openOf(member),
                        List.of(Role.values()),
                        member.id() == staff.require().id(),
                        notice,
                        problem));
        return "newsroom/staff-member";
    }

    private boolean refuseSelf(StaffAccounts.Listing member, RedirectAttributes redirect) {
        if (member.member().id() == staff.require().id()) {
            redirect.addFlashAttribute("problem", "staff.error.self");
            return true;
        }
        return false;
    }

    private StaffAccounts.Listing find(long id) {
        return accounts.listing(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    private static String label(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private static String back(long id) {
        return "redirect:/newsroom/staff/" + id;
    }
}
