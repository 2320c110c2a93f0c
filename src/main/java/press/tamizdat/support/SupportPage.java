package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.publishing.Markdown;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * The contribution form at {@code /support}: the appeal, then how often, how much and in which
 * currency, and Continue to the payment provider. Plain form posts; a form with a problem comes
 * back with everything as typed and a message for each problem.
 */
@Controller
class SupportPage {

    private static final Logger log = LoggerFactory.getLogger(SupportPage.class);

    private final Campaigns campaigns;
    private final Checkouts checkouts;
    private final Markdown markdown;
    private final CheckoutGuard guard;
    private final UiFactory uis;

    SupportPage(Campaigns campaigns, Checkouts checkouts, Markdown markdown, CheckoutGuard guard, UiFactory uis) {
        this.guard = guard;
        this.campaigns = campaigns;
        this.checkouts = checkouts;
        this.markdown = markdown;
        this.uis = uis;
    }

    /** The form as typed. */
    record Form(String frequency, String preset, String custom, String currency, String source) {}

    /** A preset amount to choose, with its value in minor units. */
    record Preset(String value, String label) {}

    record SupportView(
            String title,
            String appealHtml,
            List<Frequency> frequencies,
            List<Preset> presets,
            List<String> currencies,
            Form form,
            List<String> problems,
            boolean remindLater,
            CheckoutGuard.@Nullable Challenge challenge) {}

    @GetMapping(PublicPaths.SUPPORT)
    String form(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "support") String source,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var campaign = campaign(request);
        String chosen =
                Frequency.parse(frequency).orElse(campaign.defaultFrequency()).field();
        String code = campaign.offer(currency)
                .or(() -> campaign.offers().stream().findFirst())
                .map(offer -> offer.currency().getCurrencyCode())
                .orElse("");
        var form = new Form(chosen, "", limit(custom), code, source);
        return show(request, response, model, campaign, form, List.of());
    }

    @PostMapping(PublicPaths.SUPPORT)
    @Nullable
    String proceed(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String preset,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "support") String source,
            @RequestParam(defaultValue = "") String challenge,
            @RequestParam(defaultValue = "") String answer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        var campaign = campaign(request);
        var form = new Form(limit(frequency), limit(preset), limit(custom), limit(currency), limit(source));
        var checked = ContributionForm.check(
                new ContributionForm.Typed(form.frequency(), form.preset(), form.custom(), form.currency()), campaign);
        if (checked.request().isEmpty()) {
            Ui ui = uis.forRequest(request);
            var problems = checked.problems().stream()
                    .map(problem -> ui.text(
                            problem.key(),
                            problem.args().stream()
                                    .map(arg -> arg instanceof Money money ? money.format(ui.locale()) : arg)
                                    .toArray()))
                    .toList();
            response.setStatus(422);
            return show(request, response, model, campaign, form, problems);
        }
        Ui ui = uis.forRequest(request);
        var verdict = guard.check(request, challenge, answer);
        if (verdict != CheckoutGuard.Verdict.ALLOWED) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            String problem =
                    verdict == CheckoutGuard.Verdict.NETWORK_BUSY ? "support.problem.busy" : "support.problem.proof";
            return show(request, response, model, campaign, form, List.of(ui.text(problem)));
        }
        var checkout = checkouts.start(checked.request().get(), form.source(), ui.lang());
        try {
            // straight to the response: a "redirect:" view name is a view made and cached per distinct
            // address, and every checkout's address is new (it was a tenth of a start's time)
            response.sendRedirect(checkouts.payAt(checkout).toString());
            return null;
        } catch (PaymentProvider.ProviderFailure e) {
            log.warn("Checkout {} could not start at the provider", checkout.reference(), e);
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return show(request, response, model, campaign, form, List.of(ui.text("support.problem.provider")));
        }
    }

    private String show(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Campaign campaign,
            Form form,
            List<String> problems) {
        Ui ui = uis.forRequest(request);
        var challenge = guard.challenge();
        if (challenge != null) {
            PersonalLinks.keepPrivate(
                    response); // each challenge is good once: a cached page would hand one to everyone
        }
        var frequency = Frequency.parse(form.frequency()).orElse(campaign.defaultFrequency());
        var offer = campaign.offer(form.currency())
                .or(() -> campaign.offers().stream().findFirst());
        var presets = offer.map(o -> o.presets(frequency).stream()
                        .map(minor ->
                                new Preset(Long.toString(minor), new Money(minor, o.currency()).format(ui.locale())))
                        .toList())
                .orElse(List.of());
        var currencies = campaign.offers().stream()
                .map(o -> o.currency().getCurrencyCode())
                .toList();
        model.addAttribute("ui", ui);
        model.addAttribute(
                "page",
                new SupportView(
                        campaign.appealTitle(),
                        markdown.toSafeHtml(campaign.appealBody()),
                        List.of(Frequency.values()),
                        presets,
                        currencies,
                        form,
                        problems,
                        campaign.remindLater(),
                        challenge));
        return "support/support";
    }

    private Campaign campaign(HttpServletRequest request) {
        var language = Language.fromCode(uis.forRequest(request).lang()).orElse(Language.EN);
        return campaigns.current(language);
    }

    /** Form fields are short; anything longer is cut before it is shown back. */
    private static String limit(String value) {
        return value.length() <= AmountText.MAX_LENGTH * 2 ? value : value.substring(0, AmountText.MAX_LENGTH * 2);
    }
}
