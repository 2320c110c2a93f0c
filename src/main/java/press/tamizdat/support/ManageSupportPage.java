package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.mail.EmailAddresses;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.NetworkAllowance;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * "Manage my support": a supporter asks for a link by email, opens it (one use), and on their page
 * sees what they gave and what renews, and cancels or changes recurring support; downloading and
 * erasing their data is the data page's ("Your data", in the privacy module), which it links to.
 * The answer to a request is the same whether or not we know the address.
 */
@Controller
class ManageSupportPage {

    private static final Logger log = LoggerFactory.getLogger(ManageSupportPage.class);

    private final PersonalLinks links;
    private final PersonalLinks.Kind kind;
    private final Supporters supporters;
    private final SupporterData data;
    private final Campaigns campaigns;
    private final UiFactory uis;
    private final TamizdatSettings settings;

    /** Links asked for per network and minute. */
    private final NetworkAllowance allowance;

    ManageSupportPage(
            PersonalLinks links,
            Supporters supporters,
            SupporterData data,
            Campaigns campaigns,
            UiFactory uis,
            TamizdatSettings settings,
            SupportSettings support) {
        this.allowance = new NetworkAllowance(support.checkoutsPerMinutePerNetwork());
        this.links = links;
        this.kind = support.manageLinks();
        this.supporters = supporters;
        this.data = data;
        this.campaigns = campaigns;
        this.uis = uis;
        this.settings = settings;
    }

    /** Which part of the page shows: ask for a link, link sent, open the link, the supporter's own page. */
    enum State {
        ASK,
        SENT,
        OPEN,
        EXPIRED,
        OWN
    }

    record GivenView(String date, String amount, String how, String status) {}

    record RecurringView(
            long id, String amount, String plain, String how, String status, String next, boolean renews) {}

    record ManageView(
            State state,
            String token,
            String email,
            List<GivenView> contributions,
            List<RecurringView> recurring,
            @Nullable String notice,
            @Nullable String problem) {

        static ManageView of(State state) {
            return new ManageView(state, "", "", List.of(), List.of(), null, null);
        }
    }

    @GetMapping(PublicPaths.SUPPORT_MANAGE)
    String ask(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (token.isEmpty()) {
            return show(ManageView.of(State.ASK), request, response, model);
        }
        // opening takes a click, so that a mail scanner fetching the link does not use it up
        boolean holds = links.holds(kind, token);
        var view = holds
                ? new ManageView(State.OPEN, token, "", List.of(), List.of(), null, null)
                : ManageView.of(State.EXPIRED);
        return show(view, request, response, model);
    }

    @PostMapping(PublicPaths.SUPPORT_MANAGE + "/link")
    String requestLink(
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var address = EmailAddresses.normalize(email);
        if (address.isPresent() && !allowance.take(request)) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            var view = new ManageView(
                    State.ASK,
                    "",
                    email,
                    List.of(),
                    List.of(),
                    null,
                    uis.forRequest(request).text("support.problem.network-busy"));
            return show(view, request, response, model);
        }
        if (address.isEmpty()) {
            response.setStatus(422);
            var view = new ManageView(
                    State.ASK,
                    "",
                    email.length() > EmailAddresses.MAX_LENGTH ? "" : email,
                    List.of(),
                    List.of(),
                    null,
                    uis.forRequest(request).text("support.manage.email-invalid"));
            return show(view, request, response, model);
        }
        supporters.requestLink(address.get(), uis.forRequest(request).lang());
        return show(ManageView.of(State.SENT), request, response, model);
    }

    @PostMapping(PublicPaths.SUPPORT_MANAGE)
    String open(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var supporter = links.use(kind, token).flatMap(ManageSupportPage::id);
        if (supporter.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return show(ManageView.of(State.EXPIRED), request, response, model);
        }
        return own(supporter.get(), null, null, request, response, model);
    }

    @PostMapping(PublicPaths.SUPPORT_MANAGE + "/cancel")
    String cancel(
            @RequestParam(defaultValue = "") String page,
            @RequestParam(defaultValue = "0") long id,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var supporter = links.subjectOf(kind, page).flatMap(ManageSupportPage::id);
        if (supporter.isEmpty()) {
            return expired(request, response, model);
        }
        var recurring = recurring(supporter.get(), id);
        if (recurring.isEmpty()) {
            return own(supporter.get(), null, "support.manage.no-such", request, response, model);
        }
        try {
            data.cancel(recurring.get());
        } catch (PaymentProvider.ProviderFailure e) {
            log.warn("Recurring support {} could not be cancelled at its provider", id, e);
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return own(supporter.get(), null, "support.manage.provider-failed", request, response, model);
        }
        return own(supporter.get(), "support.manage.cancelled", null, request, response, model);
    }

    @PostMapping(PublicPaths.SUPPORT_MANAGE + "/amount")
    String change(
            @RequestParam(defaultValue = "") String page,
            @RequestParam(defaultValue = "0") long id,
            @RequestParam(defaultValue = "") String amount,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var supporter = links.subjectOf(kind, page).flatMap(ManageSupportPage::id);
        if (supporter.isEmpty()) {
            return expired(request, response, model);
        }
        var recurring = recurring(supporter.get(), id).filter(SupporterData.Recurring::renews);
        if (recurring.isEmpty()) {
            return own(supporter.get(), null, "support.manage.no-such", request, response, model);
        }
        Ui ui = uis.forRequest(request);
        var campaign = campaigns.current(Language.fromCode(ui.lang()).orElse(Language.EN));
        var checked = ContributionForm.check(
                new ContributionForm.Typed(
                        recurring.get().frequency().field(),
                        "",
                        amount.length() > 40 ? amount.substring(0, 40) : amount,
                        recurring.get().amount().currency().getCurrencyCode()),
                campaign);
        if (checked.request().isEmpty()) {
            var problem = checked.problems().getFirst();
            response.setStatus(422);
            String text = ui.text(
                    problem.key(),
                    problem.args().stream()
                            .map(arg -> arg instanceof Money money ? money.format(ui.locale()) : arg)
                            .toArray());
            return own(supporter.get(), null, text, request, response, model);
        }
        try {
            data.change(recurring.get(), checked.request().get().amount());
        } catch (PaymentProvider.ProviderFailure e) {
            log.warn("Recurring support {} could not be changed at its provider", id, e);
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return own(supporter.get(), null, "support.manage.provider-failed", request, response, model);
        }
        return own(supporter.get(), "support.manage.changed", null, request, response, model);
    }

    private static Optional<Long> id(String subject) {
        try {
            return Optional.of(Long.parseLong(subject));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<SupporterData.Recurring> recurring(long supporter, long id) {
        return data.recurring(supporter).stream().filter(r -> r.id() == id).findFirst();
    }

    private String expired(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return show(ManageView.of(State.EXPIRED), request, response, model);
    }

    private String own(
            long supporter,
            @Nullable String notice,
            @Nullable String problem,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(ui.locale())
                .withZone(settings.site().zone());
        var given = data.contributions(supporter).stream()
                .map(g -> new GivenView(
                        dates.format(g.at()),
                        g.amount().format(ui.locale()),
                        ui.text("support.per." + g.frequency().field()),
                        ui.text("support.status." + g.status().toLowerCase(java.util.Locale.ROOT))))
                .toList();
        var recurring = data.recurring(supporter).stream()
                .map(r -> new RecurringView(
                        r.id(),
                        r.amount().format(ui.locale()),
                        r.amount().plain(),
                        ui.text("support.per." + r.frequency().field()),
                        ui.text("support.status." + r.status().name().toLowerCase(java.util.Locale.ROOT)),
                        r.nextCharge() == null ? "" : dates.format(r.nextCharge()),
                        r.renews()))
                .toList();
        var view = new ManageView(
                State.OWN,
                links.page(kind, Long.toString(supporter)),
                supporters.email(supporter).orElse(""),
                given,
                recurring,
                notice == null ? null : ui.text(notice),
                problem == null ? null : problem.startsWith("support.") ? ui.text(problem) : problem);
        return show(view, request, response, model);
    }

    private String show(ManageView view, HttpServletRequest request, HttpServletResponse response, Model model) {
        PersonalLinks.keepPrivate(response);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", view);
        return "support/manage";
    }
}
