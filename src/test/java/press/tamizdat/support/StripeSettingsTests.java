package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Stripe settings that would lose contributions or block the checkout stop the start, saying what to set. */
class StripeSettingsTests {

    @Test
    void aSecretKeyWithoutAWebhookSecretRefusesToStart() {
        var settings = new SupportSettings(
                "",
                Duration.ofDays(14),
                Duration.ofMinutes(30),
                20,
                null,
                null,
                null,
                new SupportSettings.Stripe(
                        "sk_live_x",
                        " ",
                        "https://api.stripe.com",
                        Duration.ofMinutes(5),
                        "https://checkout.stripe.com"),
                new SupportSettings.PayPal("", "", "", "https://api-m.paypal.com"),
                new SupportSettings.BtcPay("", "", "", "", Duration.ofHours(1)),
                new SupportSettings.Bank(Duration.ofDays(30)),
                new SupportSettings.Discretion("", ""));

        assertThatThrownBy(() -> new StripeProvider(settings, null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET is not");
    }

    @Test
    void theCheckoutOriginMustBeAnOrigin() {
        assertThat(StripeProvider.origin("https://Pay.Example.org:8443")).isEqualTo("https://pay.example.org:8443");
        assertThatThrownBy(() -> StripeProvider.origin("https://checkout.stripe.com/c/pay"))
                .hasMessageContaining("STRIPE_CHECKOUT_ORIGIN must be an origin");
        assertThatThrownBy(() -> StripeProvider.origin("checkout.stripe.com"))
                .hasMessageContaining("STRIPE_CHECKOUT_ORIGIN must be an origin");
        assertThatThrownBy(() -> StripeProvider.origin("https://checkout.stripe.com 'unsafe-inline'"))
                .hasMessageContaining("STRIPE_CHECKOUT_ORIGIN must be an origin");
    }
}
