package press.tamizdat.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.mail.EmailAddresses;
import press.tamizdat.platform.NetworkAllowance;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * "My data": a reader or supporter asks by email for a link, opens it (one use, with a click, so a
 * mail scanner cannot use it up), sees what is held about their address, downloads it as JSON, or
 * erases it everywhere. The answer to a request is the same whether or not the address is known.
 */
@Controller
class MyDataPage {

    private final PersonalLinks links;
    private final PersonalLinks.Kind kind;
    private final DataLinkMails mails;
    private final PersonalData data;
    private final UiFactory uis;
    private final TamizdatSettings settings;
    private final NetworkAllowance allowance;

    MyDataPage(
            PersonalLinks links,
            DataLinkMails mails,
            PersonalData data,
            UiFactory uis,
            TamizdatSettings settings,
            PrivacySettings privacy) {
        this.links = links;
        this.kind = privacy.dataLinks();
        this.mails = mails;
        this.data = data;
        this.uis = uis;
        this.settings = settings;
        this.allowance = new NetworkAllowance(privacy.requestsPerMinutePerNetwork());
    }

    /** Which part of the page shows. */
    enum State {
        ASK,
        SENT,
        OPEN,
        EXPIRED,
        OWN,
        ERASED
    }

    record MyDataView(
            State state,
            String token,
            String email,
            List<String> newsletters,
            List<String> support,
            @Nullable String problem) {

        static MyDataView of(State state) {
            return new MyDataView(state, "", "", List.of(), List.of(), null);
        }
    }

    @GetMapping(PublicPaths.MY_DATA)
    String ask(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (token.isEmpty()) {
            return show(MyDataView.of(State.ASK), request, response, model);
        }
        var view = links.holds(kind, token)
                ? new MyDataView(State.OPEN, token, "", List.of(), List.of(), null)
                : MyDataView.of(State.EXPIRED);
        return show(view, request, response, model);
    }

    @PostMapping(PublicPaths.MY_DATA + "/link")
    String requestLink(
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var address = EmailAddresses.normalize(email);
        String typed = email.length() > EmailAddresses.MAX_LENGTH ? "" : email;
        if (address.isEmpty()) {
            response.setStatus(422);
            return show(
                    new MyDataView(
                            State.ASK, "", typed, List.of(), List.of(), ui.text("privacy.my-data.email-invalid")),
                    request,
                    response,
                    model);
        }
        if (!allowance.take(request)) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            return show(
                    new MyDataView(State.ASK, "", typed, List.of(), List.of(), ui.text("privacy.my-data.busy")),
                    request,
                    response,
                    model);
        }
        mails.request(address.get(), ui.locale());
        return show(MyDataView.of(State.SENT), request, response, model);
    }

    @PostMapping(PublicPaths.MY_DATA)
    String open(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var email = links.use(kind, token);
        if (email.isEmpty()) {
            return expired(request, response, model);
        }
        return own(email.get(), null, request, response, model);
    }

    @PostMapping(PublicPaths.MY_DATA + "/export")
    ResponseEntity<?> export(@RequestParam(defaultValue = "") String page, HttpServletRequest request) {
        var email = links.subjectOf(kind, page);
        if (email.isEmpty()) {
            return ResponseEntity.status(HttpServletResponse.SC_FORBIDDEN)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(uis.forRequest(request).text("privacy.my-data.expired"));
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("my-data.json")
                                .build()
                                .toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(data.of(email.get()));
    }

    @PostMapping(PublicPaths.MY_DATA + "/erase")
    String erase(
            @RequestParam(defaultValue = "") String page,
            @RequestParam(defaultValue = "") String confirm,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var email = links.subjectOf(kind, page);
        if (email.isEmpty()) {
            return expired(request, response, model);
        }
        if (!confirm.equals("yes")) {
            response.setStatus(422);
            return own(email.get(), "privacy.my-data.erase-confirm", request, response, model);
        }
        if (data.erase(email.get()) == PersonalData.Erasure.NOT_YET) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return own(email.get(), "privacy.my-data.not-yet", request, response, model);
        }
        return show(MyDataView.of(State.ERASED), request, response, model);
    }

    private String expired(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return show(MyDataView.of(State.EXPIRED), request, response, model);
    }

    /** The reader's own page: a summary of what each module holds, in words. */
    private String own(
            String email,
            @Nullable String problem,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(ui.locale())
                .withZone(settings.site().zone());
        var everything = data.of(email);
        var newsletters = new ArrayList<String>();
        var subscriber = everything.newsletters();
        if (subscriber != null) {
            newsletters.add(ui.text("privacy.my-data.subscriber", dates.format(subscriber.createdAt())));
            for (var subscription : subscriber.subscriptions()) {
                newsletters.add(ui.text(
                        "privacy.my-data.subscription",
                        subscription.newsletter(),
                        ui.text("privacy.my-data.status." + subscription.status()),
                        dates.format(subscription.since())));
            }
            for (var consent : subscriber.consents()) {
                newsletters.add(
                        ui.text("privacy.my-data.consent", consent.policyVersion(), dates.format(consent.givenAt())));
            }
            newsletters.add(ui.text("privacy.my-data.editions", subscriber.editionsSent()));
        }
        var support = new ArrayList<String>();
        var held = everything.support();
        if (held != null) {
            var supporter = held.supporter();
            if (supporter != null) {
                support.add(ui.text(
                        "privacy.my-data.contributions",
                        supporter.contributions().size()));
                for (var recurring : supporter.recurringSupport()) {
                    support.add(ui.text(
                            "privacy.my-data.recurring",
                            recurring.amount().format(ui.locale()),
                            ui.text("support.frequency."
                                    + recurring.frequency().name().toLowerCase(java.util.Locale.ROOT)),
                            ui.text("privacy.my-data.status." + recurring.status())));
                }
            }
            for (var reminder : held.reminders()) {
                support.add(ui.text("privacy.my-data.reminder", dates.format(reminder.due())));
            }
        }
        var problemText = problem == null ? null : ui.text(problem);
        return show(
                new MyDataView(State.OWN, links.page(kind, email), email, newsletters, support, problemText),
                request,
                response,
                model);
    }

    private String show(MyDataView view, HttpServletRequest request, HttpServletResponse response, Model model) {
        PersonalLinks.keepPrivate(response);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", view);
        return "privacy/my-data";
    }
}
