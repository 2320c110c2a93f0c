package press.tamizdat.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.web.SupportCall;

/**
 * Reader support's settings: the key that seals supporters' addresses ({@code TAMIZDAT_SUPPORT_KEY},
 * hex, 32 bytes; else one made in the data directory), how long a "manage my support" link and the
 * page it opens stay valid, how many checkouts one network may start a minute, when reminders go,
 * Stripe ({@code STRIPE_SECRET_KEY}, {@code STRIPE_WEBHOOK_SECRET}, {@code STRIPE_API_BASE},
 * {@code STRIPE_CHECKOUT_ORIGIN}) and PayPal ({@code PAYPAL_CLIENT_ID}, {@code PAYPAL_CLIENT_SECRET},
 * {@code PAYPAL_WEBHOOK_ID}, {@code PAYPAL_API_BASE}) and BTCPay Server ({@code BTCPAY_URL},
 * {@code BTCPAY_API_KEY}, {@code BTCPAY_STORE_ID}, {@code BTCPAY_WEBHOOK_SECRET}).
 */
@ConfigurationProperties("tamizdat.support")
public record SupportSettings(
        String key,
        Duration manageLinkValidity,
        Duration managePageValidity,
        int checkoutsPerMinutePerNetwork,
        Guard guard,
        Reminders reminders,
        @DefaultValue SupportCall.Quiet quiet,
        Stripe stripe,
        @DefaultValue PayPal paypal,
        @DefaultValue BtcPay btcpay,
        @DefaultValue Bank bank,
        @DefaultValue Discretion discretion) {

    /** "Manage my support"'s personal links. */
    PersonalLinks.Kind manageLinks() {
        return new PersonalLinks.Kind("support-manage", manageLinkValidity, managePageValidity);
    }

    /**
     * The guard against card testing: from how many checkouts started site-wide in ten minutes a
     * start needs proof, how much work the proof is (leading zero bits of a SHA-256), and how long
     * a reader without script waits instead.
     */
    public record Guard(int surgeStarts, int workBits, Duration scriptlessWait) {}

    /** The three delays a reader can choose, and how often due reminders are looked for. */
    public record Reminders(Duration twoWeeks, Duration oneMonth, Duration threeMonths, Duration pollInterval) {}

    /**
     * Stripe is used when a secret key is set; otherwise checkouts go to the test mode. The
     * tolerance is how old a webhook's signed timestamp may be; the checkout origin is where
     * Stripe's payment pages are (its own, or the custom domain the account has set up).
     */
    public record Stripe(
            String secretKey, String webhookSecret, String apiBase, Duration tolerance, String checkoutOrigin) {

        boolean enabled() {
            return !secretKey.isBlank();
        }
    }

    /**
     * PayPal is offered when a client id is set; the webhook id is the one PayPal gave the endpoint
     * {@code /support/webhooks/paypal}, which its signature check needs.
     */
    public record PayPal(
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("") String webhookId,
            @DefaultValue("https://api-m.paypal.com") String apiBase) {

        boolean enabled() {
            return !clientId.isBlank();
        }
    }

    /**
     * BTCPay Server is offered when its address is set. Crypto has no subscriptions: monthly and
     * annual supporters are mailed a fresh invoice when a period is due, looked for every
     * {@code renewalsEvery}.
     */
    public record BtcPay(
            @DefaultValue("") String url,
            @DefaultValue("") String apiKey,
            @DefaultValue("") String storeId,
            @DefaultValue("") String webhookSecret,
            @DefaultValue("1h") Duration renewalsEvery) {

        boolean enabled() {
            return !url.isBlank();
        }
    }

    /** Bank transfers: how long a pledge waits for its transfer before it lapses. */
    public record Bank(@DefaultValue("30d") Duration pledgeValidity) {}

    /**
     * Names that need not be the outlet's, for supporters whose bank statement or inbox could be
     * evidence: {@code paymentName} on payment providers' pages and, shortened, on statements
     * ({@code TAMIZDAT_PAYMENT_NAME}); {@code receiptName} as the sender and in the subject and text
     * of every mail to a supporter ({@code TAMIZDAT_RECEIPT_NAME}). Blank: the site's name.
     */
    public record Discretion(
            @DefaultValue("") String paymentName,
            @DefaultValue("") String receiptName) {

        String paymentName(String siteName) {
            return paymentName.isBlank() ? siteName : paymentName.strip();
        }

        String receiptName(String siteName) {
            return receiptName.isBlank() ? siteName : receiptName.strip();
        }

        /**
         * The payment name as card networks take it (at most 22 letters, digits, spaces and
         * {@code .,-}), or empty when none is set and the provider's account setting applies.
         */
        String statementDescriptor() {
            String kept = paymentName.replaceAll("[^A-Za-z0-9 .,-]", "").strip();
            return kept.length() <= 22 ? kept : kept.substring(0, 22).strip();
        }
    }
}
