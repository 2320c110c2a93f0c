package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
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

    /** The hidden field naming the currency whose presets the form showed. */
    static final String PRESET_CURRENCY = "preset-currency";

    private final Campaigns campaigns;
    private final Checkouts checkouts;
    private final Markdown markdown;
    private final CheckoutGuard guard;
    private final UiFactory uis;
    private final GivingForms forms;
    private final PaymentProviders providers;

    SupportPage(
            Campaigns campaigns,
            Checkouts checkouts,
            Markdown markdown,
            CheckoutGuard guard,
            UiFactory uis,
            GivingForms forms,
            PaymentProviders providers) {
        this.providers = providers;
        this.guard = guard;
        this.forms = forms;
        this.campaigns = campaigns;
        this.checkouts = checkouts;
        this.markdown = markdown;
        this.uis = uis;
    }

    record SupportView(String title, String appealHtml, Giving giving, List<String> problems) {}

    @GetMapping(PublicPaths.SUPPORT)
    String form(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "support") String source,
            @RequestParam(defaultValue = "") String method,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var campaign = campaign(request);
        var typed = new GivingForms.Typed(frequency, currency, "", limit(custom), limit(source), limit(method), false);
        return show(request, response, model, campaign, typed, List.of());
    }

    /**
     * The puzzle a form on a cached page (the appeal under an article) must solve now, or
     * {@code {"bits": 0}} when checkouts are not surging. Every answer is new, so none is cached.
     */
    @GetMapping(value = PublicPaths.SUPPORT_CHALLENGE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> challenge(HttpServletResponse response) {
        PersonalLinks.keepPrivate(response);
        var challenge = guard.challenge();
        return challenge == null ? Map.of("bits", 0) : Map.of("bits", challenge.bits(), "token", challenge.token());
    }

    @PostMapping(PublicPaths.SUPPORT)
    @Nullable
    String proceed(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "support") String source,
            @RequestParam(defaultValue = "") String challenge,
            @RequestParam(defaultValue = "") String answer,
            @RequestParam(defaultValue = "") String method,
            @RequestParam Map<String, String> fields,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        var campaign = campaign(request);
        Ui ui = uis.forRequest(request);
        // each frequency's presets are a radio group of their own; a plain "preset" is still read
        String preset = limit(fields.getOrDefault(
                Giving.presetField(limit(frequency).strip().toLowerCase(Locale.ROOT)),
                fields.getOrDefault("preset", "")));
        String presetCurrency = fields.getOrDefault(PRESET_CURRENCY, "");
        if (custom.isBlank()
                && !preset.isBlank()
                && !presetCurrency.isBlank()
                && !presetCurrency.equalsIgnoreCase(currency.strip())
                && campaign.offer(currency).isPresent()) {
            // the presets shown were another currency's (the currency was changed without script)
            var typed = new GivingForms.Typed(
                    limit(frequency), limit(currency), "", "", limit(source), limit(method), noEmail(fields));
            response.setStatus(422);
            return show(
                    request,
                    response,
                    model,
                    campaign,
                    typed,
                    List.of(ui.text(
                            "support.problem.currency-changed", currency.strip().toUpperCase(Locale.ROOT))));
        }
        var typed = new GivingForms.Typed(
                limit(frequency),
                limit(currency),
                preset,
                limit(custom),
                limit(source),
                limit(method),
                noEmail(fields));
        var checked = ContributionForm.check(
                new ContributionForm.Typed(typed.frequency(), typed.preset(), typed.custom(), typed.currency()),
                campaign);
        if (checked.request().isEmpty()) {
            var problems = checked.problems().stream()
                    .map(problem -> ui.text(
                            problem.key(),
                            problem.args().stream()
                                    .map(arg -> arg instanceof Money money ? money.format(ui.locale()) : arg)
                                    .toArray()))
                    .toList();
            response.setStatus(422);
            return show(request, response, model, campaign, typed, problems);
        }
        var amount = checked.request().get().amount();
        var choice = choice(method, amount.currency());
        if (choice.isEmpty()) {
            response.setStatus(422);
            String problem = PaymentMethod.parse(method)
                    .map(chosen -> ui.text(
                            "support.problem.method-currency",
                            ui.text(chosen.nameKey()),
                            amount.currency().getCurrencyCode()))
                    .orElseGet(() -> ui.text("support.problem.method"));
            return show(request, response, model, campaign, typed, List.of(problem));
        }
        if (typed.noEmail()
                && choice.get().method() == PaymentMethod.CRYPTO
                && checked.request().get().frequency() != Frequency.ONCE
                && choice.get().provider().service()) {
            // crypto renews by a mailed link to a fresh invoice: without an address nothing would renew
            response.setStatus(422);
            return show(request, response, model, campaign, typed, List.of(ui.text("support.problem.crypto-no-email")));
        }
        var verdict = guard.check(request, challenge, answer);
        if (verdict != CheckoutGuard.Verdict.ALLOWED) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            String problem =
                    verdict == CheckoutGuard.Verdict.NETWORK_BUSY ? "support.problem.busy" : "support.problem.proof";
            return show(request, response, model, campaign, typed, List.of(ui.text(problem)));
        }
        var checkout =
                checkouts.start(checked.request().get(), typed.source(), ui.lang(), choice.get(), typed.noEmail());
        try {
            // straight to the response: a "redirect:" view name is a view made and cached per distinct
            // address, and every checkout's address is new (it was a tenth of a start's time)
            response.sendRedirect(choice.get().provider().start(checkout).toString());
            return null;
        } catch (PaymentProvider.ProviderFailure e) {
            log.warn("Checkout {} could not start at {}", checkout.reference(), checkout.provider(), e);
            checkouts.failed(checkout.reference());
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            // the form comes back with the next way to pay chosen, the one that failed still on offer
            var others = providers.choices(amount.currency()).stream()
                    .map(PaymentProviders.Choice::method)
                    .toList();
            var next = others.size() < 2
                    ? checkout.method()
                    : others.get((others.indexOf(checkout.method()) + 1) % others.size());
            var again = new GivingForms.Typed(
                    typed.frequency(),
                    typed.currency(),
                    typed.preset(),
                    typed.custom(),
                    typed.source(),
                    next.field(),
                    typed.noEmail());
            String problem = others.size() < 2
                    ? ui.text("support.problem.provider")
                    : ui.text(
                            "support.problem.provider-method",
                            ui.text(checkout.method().nameKey()));
            return show(request, response, model, campaign, again, List.of(problem));
        }
    }

    /** The provider behind the way to pay chosen, the first on offer when none was. */
    private java.util.Optional<PaymentProviders.Choice> choice(String method, java.util.Currency currency) {
        if (method.isBlank()) {
            return providers.choices(currency).stream().findFirst();
        }
        return PaymentMethod.parse(method).flatMap(chosen -> providers.choice(chosen, currency));
    }

    private String show(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Campaign campaign,
            GivingForms.Typed typed,
            List<String> problems) {
        Ui ui = uis.forRequest(request);
        var challenge = guard.challenge();
        if (challenge != null) {
            PersonalLinks.keepPrivate(
                    response); // each challenge is good once: a cached page would hand one to everyone
        }
        var puzzle = challenge == null
                ? null
                : new Giving.Guard(challenge.token(), challenge.bits(), challenge.waitSeconds());
        model.addAttribute("ui", ui);
        model.addAttribute(
                "page",
                new SupportView(
                        campaign.appealTitle(),
                        markdown.toSafeHtml(campaign.appealBody()),
                        forms.of(campaign, ui.locale(), typed, puzzle),
                        problems));
        return "support/support";
    }

    private Campaign campaign(HttpServletRequest request) {
        var language = Language.fromCode(uis.forRequest(request).lang()).orElse(Language.EN);
        return campaigns.current(language);
    }

    private static boolean noEmail(Map<String, String> fields) {
        return !fields.getOrDefault(Giving.NO_EMAIL, "").isBlank();
    }

    /** Form fields are short; anything longer is cut before it is shown back. */
    private static String limit(String value) {
        return value.length() <= AmountText.MAX_LENGTH * 2 ? value : value.substring(0, AmountText.MAX_LENGTH * 2);
    }
}
