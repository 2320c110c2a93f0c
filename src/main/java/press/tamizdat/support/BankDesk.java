package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * Bank transfers in the newsroom, for admins: the account per currency that readers transfer to,
 * and the pledges waiting for their transfer, each marked received by hand when the bank shows it.
 * Every change and every transfer marked is in the audit log.
 */
@Controller
class BankDesk {

    private final BankTransfers transfers;
    private final CurrentStaff staff;
    private final AuditLog audit;
    private final UiFactory uis;

    BankDesk(BankTransfers transfers, CurrentStaff staff, AuditLog audit, UiFactory uis) {
        this.transfers = transfers;
        this.staff = staff;
        this.audit = audit;
        this.uis = uis;
    }

    record PledgeRow(String code, String amount, String frequency, int payments, boolean emailGiven) {}

    record BankView(
            List<BankTransfers.Account> accounts,
            BankTransfers.Account typed,
            List<PledgeRow> pledges,
            List<String> problems,
            @Nullable String notice) {}

    @GetMapping("/newsroom/bank")
    String show(HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.ADMIN);
        return show(
                BankTransfers.tidy("", "", "", "", ""),
                List.of(),
                (String) model.asMap().get("notice"),
                request,
                model);
    }

    @PostMapping("/newsroom/bank/accounts")
    String save(
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "") String holder,
            @RequestParam(defaultValue = "") String iban,
            @RequestParam(defaultValue = "") String bic,
            @RequestParam(defaultValue = "") String bank,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        staff.requireAtLeast(Role.ADMIN);
        var account = BankTransfers.tidy(limit(currency), limit(holder), limit(iban), limit(bic), limit(bank));
        var problems = BankTransfers.problems(account);
        if (!problems.isEmpty()) {
            Ui ui = uis.forRequest(request);
            response.setStatus(422);
            return show(account, problems.stream().map(ui::text).toList(), null, request, model);
        }
        transfers.save(account);
        audit.record("bank-account-saved", account.currency());
        redirect.addFlashAttribute("notice", "bank.saved");
        return "redirect:/newsroom/bank";
    }

    @PostMapping("/newsroom/bank/accounts/remove")
    String remove(@RequestParam(defaultValue = "") String currency, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.ADMIN);
        transfers.remove(limit(currency));
        audit.record("bank-account-removed", limit(currency));
        redirect.addFlashAttribute("notice", "bank.removed");
        return "redirect:/newsroom/bank";
    }

    @PostMapping("/newsroom/bank/received")
    String received(
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "-1") int received,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        staff.requireAtLeast(Role.ADMIN);
        // the count the page showed: a second click on the same button records nothing more
        if (!transfers.received(limit(code), received < 0 ? null : received)) {
            response.setStatus(422);
            return show(
                    BankTransfers.tidy("", "", "", "", ""),
                    List.of(uis.forRequest(request).text("bank.problem.code", limit(code))),
                    null,
                    request,
                    model);
        }
        audit.record("bank-transfer-received", limit(code));
        redirect.addFlashAttribute("notice", "bank.received");
        return "redirect:/newsroom/bank";
    }

    private String show(
            BankTransfers.Account typed,
            List<String> problems,
            @Nullable String notice,
            HttpServletRequest request,
            Model model) {
        Ui ui = uis.forRequest(request);
        var pledges = transfers.open().stream()
                .map(p -> new PledgeRow(
                        p.code(),
                        p.checkout().amount().format(ui.locale()),
                        ui.text("support.frequency." + p.checkout().frequency().field()),
                        p.payments(),
                        p.emailGiven()))
                .toList();
        model.addAttribute("ui", ui);
        model.addAttribute("page", new BankView(transfers.accounts(), typed, pledges, problems, notice));
        return "support/bank-desk";
    }

    private static String limit(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200);
    }
}
