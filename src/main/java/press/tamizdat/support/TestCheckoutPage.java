package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * The test-mode provider's page, marked TEST MODE: it can succeed, fail or be cancelled, and each
 * button makes the same call a real provider's verified event makes. The thank-you page after it
 * fulfils nothing.
 */
@Controller
class TestCheckoutPage {

    private final Checkouts checkouts;
    private final UiFactory uis;

    TestCheckoutPage(Checkouts checkouts, UiFactory uis) {
        this.checkouts = checkouts;
        this.uis = uis;
    }

    record CheckoutView(Checkouts.@Nullable Checkout checkout, String amount) {}

    @GetMapping("/support/test-checkout/{reference}")
    String show(@PathVariable String reference, HttpServletRequest request, HttpServletResponse response, Model model) {
        SupportPage.keepPrivate(response);
        Ui ui = uis.forRequest(request);
        var checkout = checkouts.find(reference).filter(c -> c.status().equals("STARTED"));
        if (checkout.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("ui", ui);
        model.addAttribute(
                "page",
                new CheckoutView(
                        checkout.orElse(null),
                        checkout.map(c -> c.amount().format(ui.locale())).orElse("")));
        return "support/test-checkout";
    }

    @PostMapping("/support/test-checkout/{reference}")
    String outcome(
            @PathVariable String reference,
            @RequestParam(defaultValue = "") String outcome,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var checkout = checkouts.find(reference);
        if (checkout.isEmpty()) {
            return show(reference, request, response, model);
        }
        switch (outcome) {
            case "succeed" -> checkouts.completed(reference, "test_" + reference);
            case "fail" -> {
                checkouts.failed(reference);
                return "redirect:/support/failed?" + again(checkout.get());
            }
            case "cancel" -> {
                checkouts.cancelled(reference);
                return "redirect:/support?" + again(checkout.get());
            }
            default -> {
                return show(reference, request, response, model);
            }
        }
        return "redirect:/support/thanks";
    }

    @GetMapping("/support/thanks")
    String thanks(HttpServletRequest request, Model model) {
        model.addAttribute("ui", uis.forRequest(request));
        return "support/thanks";
    }

    @GetMapping("/support/failed")
    String failed(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("again", "/support?" + again(frequency, custom, currency));
        return "support/failed";
    }

    /** The form's fields again, so that the reader need not type them twice. */
    private static String again(Checkouts.Checkout checkout) {
        return again(
                checkout.frequency().field(),
                checkout.amount().plain(),
                checkout.amount().currency().getCurrencyCode());
    }

    private static String again(String frequency, String custom, String currency) {
        return UriComponentsBuilder.newInstance()
                .queryParam("frequency", frequency)
                .queryParam("custom", custom)
                .queryParam("currency", currency)
                .encode()
                .build()
                .getQuery();
    }
}
