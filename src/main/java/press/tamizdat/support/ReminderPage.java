package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.EmailAddresses;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.NetworkAllowance;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * "Not ready to support today? Remind me later.": an address, when, and consent; then one
 * reminder. The answer never says whether an address was known, and the reader can delete the
 * reminder at once (one click) or later (by address).
 */
@Controller
class ReminderPage {

    private final Reminders reminders;
    private final Campaigns campaigns;
    private final UiFactory uis;
    private final TamizdatSettings settings;

    /** Reminders asked for per network and minute (each writes to an address, later). */
    private final NetworkAllowance allowance;

    ReminderPage(
            Reminders reminders,
            Campaigns campaigns,
            UiFactory uis,
            TamizdatSettings settings,
            SupportSettings support) {
        this.allowance = new NetworkAllowance(support.checkoutsPerMinutePerNetwork());
        this.reminders = reminders;
        this.campaigns = campaigns;
        this.uis = uis;
        this.settings = settings;
    }

    enum State {
        ASK,
        SCHEDULED,
        FORGOTTEN
    }

    /** The form as typed. */
    record Form(String email, String when, boolean consent, String frequency, String custom, String currency) {}

    record ReminderView(
            State state, Form form, List<String> whens, List<String> problems, String due, String forgetToken) {}

    @GetMapping(PublicPaths.SUPPORT_REMIND)
    String ask(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var form = new Form("", Reminders.When.ONE_MONTH.field(), false, cut(frequency), cut(custom), cut(currency));
        return show(new ReminderView(State.ASK, form, whens(), List.of(), "", ""), request, response, model);
    }

    @PostMapping(PublicPaths.SUPPORT_REMIND)
    String schedule(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String when,
            @RequestParam(defaultValue = "") String consent,
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var form = new Form(
                email.length() > EmailAddresses.MAX_LENGTH ? "" : email,
                cut(when),
                consent.equals("yes"),
                cut(frequency),
                cut(custom),
                cut(currency));
        var campaign = campaigns.current(Language.fromCode(ui.lang()).orElse(Language.EN));
        var problems = new ArrayList<String>();
        var address = EmailAddresses.normalize(email);
        var chosen = Reminders.When.parse(when);
        if (!campaign.remindLater()) {
            problems.add(ui.text("support.remind.off"));
        }
        if (address.isEmpty()) {
            problems.add(ui.text("support.remind.problem.email"));
        }
        if (chosen.isEmpty()) {
            problems.add(ui.text("support.remind.problem.when"));
        }
        if (!form.consent()) {
            problems.add(ui.text("support.remind.problem.consent"));
        }
        if (problems.isEmpty() && !allowance.take(request)) {
            problems.add(ui.text("support.problem.network-busy"));
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        } else if (!problems.isEmpty()) {
            response.setStatus(422);
        }
        if (!problems.isEmpty()) {
            return show(new ReminderView(State.ASK, form, whens(), problems, "", ""), request, response, model);
        }
        // what the reader had chosen comes back in the reminder's link only if it still reads as a choice
        var frequencyChosen = Frequency.parse(form.frequency()).orElse(campaign.defaultFrequency());
        String currencyChosen = campaign.offer(form.currency())
                .or(() -> campaign.offers().stream().findFirst())
                .map(offer -> offer.currency().getCurrencyCode())
                .orElse("");
        String amount = !currencyChosen.isEmpty()
                        && AmountText.read(form.custom(), java.util.Currency.getInstance(currencyChosen))
                                instanceof AmountText.Amount
                ? form.custom()
                : "";
        var scheduled =
                reminders.schedule(address.get(), chosen.get(), ui.lang(), frequencyChosen, amount, currencyChosen);
        String due = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(ui.locale())
                .withZone(settings.site().zone())
                .format(scheduled.due());
        return show(
                new ReminderView(State.SCHEDULED, form, whens(), List.of(), due, scheduled.forgetToken()),
                request,
                response,
                model);
    }

    /** Deletes a waiting reminder, by the one-click token or by address; the answer is the same either way. */
    @PostMapping(PublicPaths.SUPPORT_REMIND + "/forget")
    String forget(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (!token.isEmpty()) {
            reminders.forgetByToken(token);
        } else {
            EmailAddresses.normalize(email).ifPresent(reminders::forget);
        }
        var form = new Form("", Reminders.When.ONE_MONTH.field(), false, "", "", "");
        return show(new ReminderView(State.FORGOTTEN, form, whens(), List.of(), "", ""), request, response, model);
    }

    private static List<String> whens() {
        return List.of(Reminders.When.values()).stream()
                .map(Reminders.When::field)
                .toList();
    }

    private String show(ReminderView view, HttpServletRequest request, HttpServletResponse response, Model model) {
        PersonalLinks.keepPrivate(response);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", view);
        return "support/remind";
    }

    private static String cut(@Nullable String value) {
        return value == null ? "" : value.length() > 24 ? value.substring(0, 24) : value;
    }
}
