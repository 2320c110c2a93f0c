package press.tamizdat.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.PersonalLinks.Step;
import press.tamizdat.web.PersonalPage;
import press.tamizdat.web.PersonalPages;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;

/**
 * "My data": a reader or supporter asks by email for a link, opens it (one use, with a click, so a
 * mail scanner cannot use it up), sees what is held about their address, downloads it as JSON, or
 * erases it everywhere. The answer to a request is the same whether or not the address is known.
 */
@Controller
@RequestMapping(PublicPaths.MY_DATA)
class MyDataPage extends PersonalPage<MyDataPage.MyDataView> {

    private final DataLinkMails mails;
    private final PersonalData data;

    MyDataPage(PersonalPages pages, DataLinkMails mails, PersonalData data, PrivacySettings privacy) {
        super(pages.setup(privacy.dataLinks(), "my-data", privacy.requestsPerMinutePerNetwork(), "privacy.my-data"));
        this.mails = mails;
        this.data = data;
    }

    record MyDataView(
            Step state,
            String token,
            String email,
            List<String> newsletters,
            List<String> support,
            @Nullable String problem) {

        static MyDataView of(Step state) {
            return new MyDataView(state, "", "", List.of(), List.of(), null);
        }
    }

    @Override
    protected MyDataView view(Step step) {
        return MyDataView.of(step);
    }

    @Override
    protected MyDataView opening(String token) {
        return new MyDataView(Step.OPEN, token, "", List.of(), List.of(), null);
    }

    @Override
    protected MyDataView asking(String typed, String problem) {
        return new MyDataView(Step.ASK, "", typed, List.of(), List.of(), problem);
    }

    @Override
    protected void sendLink(String email, Ui ui) {
        mails.request(email, ui.locale());
    }

    @Override
    protected String opened(String email, HttpServletRequest request, HttpServletResponse response, Model model) {
        return own(email, null, request, response, model);
    }

    @Override
    protected String template() {
        return "privacy/my-data";
    }

    @PostMapping("/export")
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

    @PostMapping("/erase")
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
        return show(MyDataView.of(Step.ERASED), request, response, model);
    }

    /** The reader's own page: a summary of what each module holds, in words. */
    private String own(
            String email,
            @Nullable String problem,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var everything = data.of(email);
        var newsletters = new ArrayList<String>();
        var subscriber = everything.newsletters();
        if (subscriber != null) {
            newsletters.add(ui.text("privacy.my-data.subscriber", ui.date(subscriber.createdAt())));
            for (var subscription : subscriber.subscriptions()) {
                newsletters.add(ui.text(
                        "privacy.my-data.subscription",
                        subscription.newsletter(),
                        ui.text("privacy.my-data.status." + subscription.status()),
                        ui.date(subscription.since())));
            }
            for (var consent : subscriber.consents()) {
                newsletters.add(
                        ui.text("privacy.my-data.consent", consent.policyVersion(), ui.date(consent.givenAt())));
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
                support.add(ui.text("privacy.my-data.reminder", ui.date(reminder.due())));
            }
        }
        var problemText = problem == null ? null : ui.text(problem);
        return show(
                new MyDataView(Step.OWN, links.page(kind, email), email, newsletters, support, problemText),
                request,
                response,
                model);
    }
}
