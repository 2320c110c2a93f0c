package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.publishing.Language;
import press.tamizdat.publishing.Markdown;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * The contribution form at {@code /support}: the appeal, then how often, how much and in which
 * currency, and Continue to the payment provider. Plain form posts; a form with a problem comes
 * back with everything as typed and a message for each problem.
 */
@Controller
class SupportPage {

    private final Campaigns campaigns;
    private final Checkouts checkouts;
    private final Markdown markdown;
    private final UiFactory uis;

    SupportPage(Campaigns campaigns, Checkouts checkouts, Markdown markdown, UiFactory uis) {
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
            List<String> problems) {}

    @GetMapping("/support")
    String form(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "support") String source,
            HttpServletRequest request,
            Model model) {
        var campaign = campaign(request);
        String chosen =
                Frequency.parse(frequency).orElse(campaign.defaultFrequency()).field();
        String code = campaign.offer(currency)
                .or(() -> campaign.offers().stream().findFirst())
                .map(offer -> offer.currency().getCurrencyCode())
                .orElse("");
        var form = new Form(chosen, "", limit(custom), code, source);
        return show(request, model, campaign, form, List.of());
    }

    @PostMapping("/support")
    String proceed(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String preset,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "support") String source,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
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
            return show(request, model, campaign, form, problems);
        }
        var checkout = checkouts.start(checked.request().get(), form.source());
        return "redirect:" + checkouts.payAt(checkout);
    }

    private String show(HttpServletRequest request, Model model, Campaign campaign, Form form, List<String> problems) {
        Ui ui = uis.forRequest(request);
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
                        problems));
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

    static void keepPrivate(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    }
}
