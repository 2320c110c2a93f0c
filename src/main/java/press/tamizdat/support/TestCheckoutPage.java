package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.EmailAddresses;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.web.PublicPaths;
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
    private final Ledger ledger;
    private final PaymentProviders providers;
    private final UiFactory uis;
    private final Clock clock;

    TestCheckoutPage(Checkouts checkouts, Ledger ledger, PaymentProviders providers, UiFactory uis, Clock clock) {
        this.providers = providers;
        this.checkouts = checkouts;
        this.ledger = ledger;
        this.uis = uis;
        this.clock = clock;
    }

    record CheckoutView(
            Checkouts.@Nullable Checkout checkout,
            String amount,
            String email,
            @Nullable String problem) {}

    @GetMapping(PublicPaths.SUPPORT + "/test-checkout/{reference}")
    String show(@PathVariable String reference, HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(reference, "", null, request, response, model);
    }

    private String show(
            String reference,
            String email,
            @Nullable String problem,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PersonalLinks.keepPrivate(response);
        Ui ui = uis.forRequest(request);
        var checkout = checkouts
                .find(reference)
                .filter(c -> c.status() == CheckoutStatus.STARTED)
                .filter(c -> c.provider().equals(TestModeProvider.NAME) && providers.testMode());
        if (checkout.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        } else if (problem != null) {
            response.setStatus(422);
        }
        model.addAttribute("ui", ui);
        model.addAttribute(
                "page",
                new CheckoutView(
                        checkout.orElse(null),
                        checkout.map(c -> c.amount().format(ui.locale())).orElse(""),
                        email.length() > EmailAddresses.MAX_LENGTH ? "" : email,
                        problem == null ? null : ui.text(problem)));
        return "support/test-checkout";
    }

    @PostMapping(PublicPaths.SUPPORT + "/test-checkout/{reference}")
    @Nullable
    String outcome(
            @PathVariable String reference,
            @RequestParam(defaultValue = "") String outcome,
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        // only a checkout still open: a completed one cannot be completed again for another address
        var checkout = checkouts
                .find(reference)
                .filter(c -> c.status() == CheckoutStatus.STARTED)
                .filter(c -> c.provider().equals(TestModeProvider.NAME) && providers.testMode());
        if (checkout.isEmpty()) {
            return show(reference, request, response, model);
        }
        switch (outcome) {
            case "succeed" -> {
                var address = EmailAddresses.normalize(email);
                if (address.isEmpty()) {
                    return show(reference, email, "support.test.email-invalid", request, response, model);
                }
                pay(checkout.get(), address.get());
            }
            case "fail" -> {
                checkouts.failed(reference);
                response.sendRedirect(
                        PublicPaths.SUPPORT_FAILED + "?" + checkout.get().formQuery());
                return null;
            }
            case "cancel" -> {
                checkouts.cancelled(reference);
                response.sendRedirect(PublicPaths.SUPPORT + "?" + checkout.get().formQuery());
                return null;
            }
            default -> {
                return show(reference, request, response, model);
            }
        }
        return "redirect:" + checkout.get().thanks();
    }

    /** What Stripe's events say after a payment, said the same way: the checkout, then its first payment. */
    private void pay(Checkouts.Checkout checkout, String email) {
        var now = clock.instant();
        String provider = TestModeProvider.NAME;
        if (checkout.frequency() == Frequency.ONCE) {
            String payment = "test_pay_" + checkout.reference();
            ledger.checkoutPaid(
                    provider,
                    checkout.reference(),
                    email,
                    new Ledger.Payment(payment, payment, checkout.amount()),
                    null,
                    now);
            return;
        }
        String recurring = "test_sub_" + checkout.reference();
        ledger.checkoutPaid(provider, checkout.reference(), email, null, recurring, now);
        String invoice = "test_inv_" + checkout.reference() + "_1";
        var next = checkout.frequency() == Frequency.MONTHLY
                ? now.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant()
                : now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant();
        ledger.recurringPaid(
                new RecurringSupportId(provider, recurring, checkout.reference()),
                new Ledger.Payment(invoice, invoice, checkout.amount()),
                true,
                email,
                next,
                now);
    }

    @GetMapping(PublicPaths.SUPPORT_FAILED)
    String failed(
            @RequestParam(defaultValue = "") String frequency,
            @RequestParam(defaultValue = "") String custom,
            @RequestParam(defaultValue = "") String currency,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("again", PublicPaths.SUPPORT + "?" + Checkouts.formQuery(frequency, custom, currency));
        return "support/failed";
    }
}
