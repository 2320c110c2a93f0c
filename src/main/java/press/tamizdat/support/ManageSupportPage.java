package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.Ids;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.PersonalLinks.Step;
import press.tamizdat.web.PersonalPage;
import press.tamizdat.web.PersonalPages;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;

/**
 * "Manage my support": a supporter asks for a link by email, opens it (one use), and on their page
 * sees what they gave and what renews, and cancels or changes recurring support; downloading and
 * erasing their data is the data page's ("Your data", in the privacy module), which it links to.
 * The answer to a request is the same whether or not we know the address.
 */
@Controller
@RequestMapping(PublicPaths.SUPPORT_MANAGE)
class ManageSupportPage extends PersonalPage<ManageSupportPage.ManageView> {

    private static final Logger log = LoggerFactory.getLogger(ManageSupportPage.class);

    private final Supporters supporters;
    private final SupporterData data;
    private final Campaigns campaigns;

    ManageSupportPage(
            PersonalPages pages,
            Supporters supporters,
            SupporterData data,
            Campaigns campaigns,
            SupportSettings support) {
        super(pages.setup(
                support.manageLinks(), "manage-support", support.checkoutsPerMinutePerNetwork(), "support.manage"));
        this.supporters = supporters;
        this.data = data;
        this.campaigns = campaigns;
    }

    record GivenView(String date, String amount, String how, String status) {}

    record RecurringView(
            long id, String amount, String plain, String how, String status, String next, boolean renews) {}

    record ManageView(
            Step state,
            String token,
            String email,
            List<GivenView> contributions,
            List<RecurringView> recurring,
            @Nullable String notice,
            @Nullable String problem) {

        static ManageView of(Step state) {
            return new ManageView(state, "", "", List.of(), List.of(), null, null);
        }
    }

    @Override
    protected ManageView view(Step step) {
        return ManageView.of(step);
    }

    @Override
    protected ManageView opening(String token) {
        return new ManageView(Step.OPEN, token, "", List.of(), List.of(), null, null);
    }

    @Override
    protected ManageView asking(String typed, String problem) {
        return new ManageView(Step.ASK, "", typed, List.of(), List.of(), null, problem);
    }

    @Override
    protected void sendLink(String email, Ui ui) {
        supporters.requestLink(email, ui.lang());
    }

    @Override
    protected String opened(String subject, HttpServletRequest request, HttpServletResponse response, Model model) {
        var supporter = Ids.parse(subject);
        return supporter.isEmpty()
                ? expired(request, response, model)
                : own(supporter.get(), null, null, request, response, model);
    }

    @Override
    protected String template() {
        return "support/manage";
    }

    @PostMapping("/cancel")
    String cancel(
            @RequestParam(defaultValue = "") String page,
            @RequestParam(defaultValue = "0") long id,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var supporter = links.subjectOf(kind, page).flatMap(Ids::parse);
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

    @PostMapping("/amount")
    String change(
            @RequestParam(defaultValue = "") String page,
            @RequestParam(defaultValue = "0") long id,
            @RequestParam(defaultValue = "") String amount,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var supporter = links.subjectOf(kind, page).flatMap(Ids::parse);
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

    private Optional<SupporterData.Recurring> recurring(long supporter, long id) {
        return data.recurring(supporter).stream().filter(r -> r.id() == id).findFirst();
    }

    private String own(
            long supporter,
            @Nullable String notice,
            @Nullable String problem,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var given = data.contributions(supporter).stream()
                .map(g -> new GivenView(
                        ui.date(g.at()),
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
                        r.nextCharge() == null ? "" : ui.date(r.nextCharge()),
                        r.renews()))
                .toList();
        var view = new ManageView(
                Step.OWN,
                links.page(kind, Long.toString(supporter)),
                supporters.email(supporter).orElse(""),
                given,
                recurring,
                notice == null ? null : ui.text(notice),
                problem == null ? null : problem.startsWith("support.") ? ui.text(problem) : problem);
        return show(view, request, response, model);
    }
}
