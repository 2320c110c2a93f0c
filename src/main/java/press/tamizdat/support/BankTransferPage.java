package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.EmailAddresses;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * A reader's bank transfer pledge: the account to transfer to, the amount, the reference to quote
 * and until when the pledge waits; and, if they want a receipt, an address for it. The page's
 * address is the checkout's own unguessable reference, so it is kept private like a personal page.
 */
@Controller
class BankTransferPage {

    private final BankTransfers transfers;
    private final UiFactory uis;
    private final TamizdatSettings settings;

    BankTransferPage(BankTransfers transfers, UiFactory uis, TamizdatSettings settings) {
        this.transfers = transfers;
        this.uis = uis;
        this.settings = settings;
    }

    record PledgeView(
            BankTransfers.@Nullable Account account,
            BankTransfers.@Nullable Pledge pledge,
            String amount,
            String until,
            String email,
            @Nullable String problem,
            boolean saved) {}

    @GetMapping(PublicPaths.SUPPORT_BANK + "/{reference}")
    String show(
            @PathVariable String reference,
            @RequestParam(defaultValue = "false") boolean saved,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return show(reference, "", null, saved, request, response, model);
    }

    @PostMapping(PublicPaths.SUPPORT_BANK + "/{reference}")
    String email(
            @PathVariable String reference,
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var address = EmailAddresses.normalize(email);
        if (address.isEmpty()) {
            response.setStatus(422);
            return show(reference, email, "bank.email-invalid", false, request, response, model);
        }
        if (!transfers.remember(reference, address.get())) {
            return show(reference, "", null, false, request, response, model);
        }
        return "redirect:" + PublicPaths.SUPPORT_BANK + "/" + reference + "?saved=true";
    }

    private String show(
            String reference,
            String email,
            @Nullable String problem,
            boolean saved,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PersonalLinks.keepPrivate(response);
        Ui ui = uis.forRequest(request);
        var pledge = transfers
                .pledge(reference)
                .filter(p -> p.checkout().status() == CheckoutStatus.STARTED
                        || p.checkout().frequency() != Frequency.ONCE);
        var account = pledge.flatMap(
                p -> transfers.account(p.checkout().amount().currency().getCurrencyCode()));
        if (pledge.isEmpty() || account.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("ui", ui);
        model.addAttribute(
                "page",
                new PledgeView(
                        account.orElse(null),
                        pledge.orElse(null),
                        pledge.map(p -> p.checkout().amount().format(ui.locale()))
                                .orElse(""),
                        pledge.map(p -> DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                        .withLocale(ui.locale())
                                        .format(p.expires()
                                                .atZone(settings.site().zone())))
                                .orElse(""),
                        email.length() > EmailAddresses.MAX_LENGTH ? "" : email,
                        problem == null ? null : ui.text(problem),
                        saved));
        return "support/bank";
    }
}
