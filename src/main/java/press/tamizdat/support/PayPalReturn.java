package press.tamizdat.support;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.web.PublicPaths;

/**
 * Where PayPal sends a reader back. An approved order is captured here (PayPal takes the money
 * only then; the webhook captures it too if the reader never comes back), and the reader goes on
 * to the thank-you page, or back to the form when PayPal declined. Nothing is recorded here: the
 * ledger hears of the payment from PayPal's verified events only.
 */
@Controller
@ConditionalOnExpression("!'${tamizdat.support.paypal.client-id:}'.isBlank()")
class PayPalReturn {

    private static final Logger log = LoggerFactory.getLogger(PayPalReturn.class);

    private final PayPalProvider paypal;
    private final Checkouts checkouts;

    PayPalReturn(PayPalProvider paypal, Checkouts checkouts) {
        this.paypal = paypal;
        this.checkouts = checkouts;
    }

    @GetMapping(PublicPaths.SUPPORT_PAYPAL_RETURN)
    void back(
            @RequestParam(defaultValue = "") String checkout,
            @RequestParam(defaultValue = "") String token,
            @RequestParam(name = "subscription_id", defaultValue = "") String subscription,
            HttpServletResponse response)
            throws IOException {
        PersonalLinks.keepPrivate(response);
        String thanks = checkouts.find(checkout).map(Checkouts.Checkout::thanks).orElse(PublicPaths.SUPPORT_THANKS);
        if (!subscription.isBlank() || token.isBlank()) {
            // an approved subscription needs nothing more from us; PayPal charges it
            response.sendRedirect(thanks);
            return;
        }
        try {
            if (!paypal.capture(token)) {
                var again = checkouts
                        .find(checkout)
                        .map(c -> PublicPaths.SUPPORT_FAILED + "?" + c.formQuery())
                        .orElse(PublicPaths.SUPPORT_FAILED);
                response.sendRedirect(again);
                return;
            }
        } catch (PaymentProvider.ProviderFailure | IllegalArgumentException e) {
            // PayPal's event for the approval captures it when PayPal answers again
            log.warn("PayPal order {} was not captured on the reader's return", token, e);
        }
        response.sendRedirect(thanks);
    }
}
