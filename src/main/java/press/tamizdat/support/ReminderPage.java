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
import press.tamizdat.platform.NetworkAllowances;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * "Not ready to support today? Remind me later.": an address, when, and consent; a neutral mail
 * to the address asks it to confirm; then one reminder. The answer never says whether an address
 * was known, and only the mailed link confirms or deletes a reminder: nobody can have the outlet
 * write to someone else, or delete someone else's reminder.
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
            SupportSettings support,
            NetworkAllowances allowances) {
        this.allowance = allowances.perMinute("reminder", support.checkoutsPerMinutePerNetwork());
        this.reminders = reminders;
        this.campaigns = campaigns;
        this.uis = uis;
        this.settings = settings;
    }

    enum State {
        ASK,
        /** Asked: the confirmation mail is on its way. */
        CHECK_INBOX,
        /** The mailed link opened: confirm, or delete. */
        CONFIRM,
        SCHEDULED,
        FORGOTTEN,
        /** The mailed link no longer names a waiting reminder. */
        EXPIRED
    }

    /** The form as typed. */
    record Form(String email, String when, boolean consent, String frequency, String custom, String currency) {}

    record ReminderView(State state, Form form, List<String> whens, List<String> problems, String due, String token) {}

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
        reminders.request(address.get(), chosen.get(), ui.lang(), frequencyChosen, amount, currencyChosen);
        return show(new ReminderView(State.CHECK_INBOX, form, whens(), List.of(), "", ""), request, response, model);
    }

    /** The mailed link: a page whose buttons confirm or delete (mail scanners open links; a GET changes nothing). */
    @GetMapping(PublicPaths.SUPPORT_REMIND + "/confirm")
    String confirmation(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var waiting = reminders.find(token);
        if (waiting.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return show(new ReminderView(State.EXPIRED, blank(), whens(), List.of(), "", ""), request, response, model);
        }
        var state = waiting.get().confirmed() ? State.SCHEDULED : State.CONFIRM;
        return show(
                new ReminderView(
                        state,
                        blank(),
                        whens(),
                        List.of(),
                        date(ui, waiting.get().due()),
                        token),
                request,
                response,
                model);
    }

    @PostMapping(PublicPaths.SUPPORT_REMIND + "/confirm")
    String confirm(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var confirmed = reminders.confirm(token);
        if (confirmed.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return show(new ReminderView(State.EXPIRED, blank(), whens(), List.of(), "", ""), request, response, model);
        }
        return show(
                new ReminderView(
                        State.SCHEDULED,
                        blank(),
                        whens(),
                        List.of(),
                        date(ui, confirmed.get().due()),
                        token),
                request,
                response,
                model);
    }

    /** Deletes the reminder the mailed link names; the answer is the same whether one was waiting. */
    @PostMapping(PublicPaths.SUPPORT_REMIND + "/forget")
    String forget(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        reminders.forget(token);
        return show(new ReminderView(State.FORGOTTEN, blank(), whens(), List.of(), "", ""), request, response, model);
    }

    private static Form blank() {
        return new Form("", Reminders.When.ONE_MONTH.field(), false, "", "", "");
    }

    private String date(Ui ui, java.time.Instant due) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(ui.locale())
                .withZone(settings.site().zone())
                .format(due);
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
