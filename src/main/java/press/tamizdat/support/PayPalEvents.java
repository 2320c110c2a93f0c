package press.tamizdat.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import press.tamizdat.web.PublicPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * PayPal's webhook. An event is believed only when PayPal itself says its signature holds for our
 * webhook id (the verify-webhook-signature call, given the transmission headers and the event as
 * it came); it is acted on once, by its id, in the transaction of its effects, and told to
 * {@link Ledger} in our own words, which keeps the records right in any order. What PayPal's event
 * does not carry (the checkout of a renewal, whether a refund was full) is asked of PayPal first,
 * outside the transaction. A failure answers 500 or 503, and PayPal delivers the event again.
 */
@RestController
@ConditionalOnExpression("!'${tamizdat.support.paypal.client-id:}'.isBlank()")
class PayPalEvents {

    private static final Logger log = LoggerFactory.getLogger(PayPalEvents.class);
    private static final String NAME = PayPalProvider.NAME;

    private final PayPalProvider provider;
    private final PayPalClient paypal;
    private final Ledger ledger;
    private final Checkouts checkouts;
    private final TransactionTemplate transactions;
    private final String webhookId;

    PayPalEvents(
            PayPalProvider provider,
            Ledger ledger,
            Checkouts checkouts,
            TransactionTemplate transactions,
            SupportSettings settings) {
        this.provider = provider;
        this.paypal = provider.client();
        this.ledger = ledger;
        this.checkouts = checkouts;
        this.transactions = transactions;
        this.webhookId = settings.paypal().webhookId();
    }

    @PostMapping(PublicPaths.WEBHOOKS + "/paypal")
    ResponseEntity<String> receive(
            @RequestBody String payload,
            @RequestHeader(name = "PAYPAL-TRANSMISSION-ID", defaultValue = "") String transmissionId,
            @RequestHeader(name = "PAYPAL-TRANSMISSION-TIME", defaultValue = "") String transmissionTime,
            @RequestHeader(name = "PAYPAL-TRANSMISSION-SIG", defaultValue = "") String transmissionSig,
            @RequestHeader(name = "PAYPAL-CERT-URL", defaultValue = "") String certUrl,
            @RequestHeader(name = "PAYPAL-AUTH-ALGO", defaultValue = "") String authAlgo) {
        JsonNode event;
        try {
            event = paypal.read(payload);
        } catch (JacksonException e) {
            return refused();
        }
        String id = event.path("id").asString("");
        if (!event.isObject()
                || id.isBlank()
                || transmissionId.isBlank()
                || transmissionTime.isBlank()
                || transmissionSig.isBlank()
                || !fromPayPal(certUrl)
                || !authAlgo.matches("[A-Za-z0-9]{1,32}")) {
            // not worth asking PayPal about: its certificates are on its own hosts
            return refused();
        }
        try {
            var check = new LinkedHashMap<String, Object>();
            check.put("auth_algo", authAlgo);
            check.put("cert_url", certUrl);
            check.put("transmission_id", transmissionId);
            check.put("transmission_sig", transmissionSig);
            check.put("transmission_time", transmissionTime);
            check.put("webhook_id", webhookId);
            // the event exactly as it came: PayPal checks the signature over these bytes, not over our reading of them
            String fields = paypal.write(check);
            String request = fields.substring(0, fields.length() - 1) + ",\"webhook_event\":" + payload.strip() + "}";
            var verdict = paypal.post("/v1/notifications/verify-webhook-signature", request, null);
            if (verdict.status() / 100 == 4 && verdict.status() != 401 && verdict.status() != 429) {
                // PayPal found the request malformed: the delivery was not PayPal's
                return refused();
            }
            if (!verdict.ok()) {
                throw new PaymentProvider.ProviderFailure(
                        "PayPal did not check event " + id + ": " + verdict.status() + " " + verdict.issue(), null);
            }
            if (!"SUCCESS".equals(verdict.body().path("verification_status").asString(""))) {
                return refused();
            }
            Runnable effect = effect(event);
            transactions.executeWithoutResult(status -> {
                if (ledger.firstDelivery(NAME, id)) {
                    effect.run();
                }
            });
            return ResponseEntity.ok("");
        } catch (PaymentProvider.ProviderFailure e) {
            log.warn("PayPal event {} waits for PayPal to answer; it will come again", id, e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("PayPal did not answer; send it again\n");
        }
    }

    /** A certificate address on PayPal's own hosts, over HTTPS. */
    private static boolean fromPayPal(String certUrl) {
        try {
            var uri = java.net.URI.create(certUrl);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
            return "https".equals(uri.getScheme()) && (host.equals("paypal.com") || host.endsWith(".paypal.com"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ResponseEntity<String> refused() {
        return ResponseEntity.badRequest().body("The signature does not hold for this payload\n");
    }

    /** What the event means for the ledger, having asked PayPal what the event leaves out. */
    private Runnable effect(JsonNode event) throws PaymentProvider.ProviderFailure {
        Instant at = time(event.path("create_time").asString(""));
        JsonNode resource = event.path("resource");
        String custom = resource.path("custom_id").asString("");
        String type = event.path("event_type").asString("");
        switch (type) {
            case "CHECKOUT.ORDER.APPROVED" -> {
                // the reader approved but may never have come back: capture here too (PayPal does it once)
                if ("CAPTURE".equals(resource.path("intent").asString(""))) {
                    provider.capture(resource.path("id").asString(""));
                }
                return () -> {};
            }
            case "CHECKOUT.ORDER.COMPLETED" -> {
                JsonNode unit = resource.path("purchase_units").path(0);
                String checkout = unit.path("custom_id").asString("");
                String email =
                        blankToNull(resource.path("payer").path("email_address").asString(""));
                return () -> {
                    for (JsonNode capture : unit.path("payments").path("captures")) {
                        if ("COMPLETED".equals(capture.path("status").asString(""))) {
                            String captureId = capture.path("id").asString("");
                            ledger.checkoutPaid(
                                    NAME,
                                    checkout,
                                    email,
                                    new Ledger.Payment(captureId, captureId, money(capture.path("amount"))),
                                    null,
                                    at);
                        }
                    }
                };
            }
            case "PAYMENT.CAPTURE.COMPLETED" -> {
                String capture = resource.path("id").asString("");
                var payment = new Ledger.Payment(capture, capture, money(resource.path("amount")));
                return () -> ledger.checkoutPaid(NAME, custom, null, payment, null, at);
            }
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" -> {
                return () -> checkouts.failed(custom);
            }
            case "PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.REVERSED" -> {
                // the refund names its capture only in its links; only a full refund ends the payment
                var capture = upLink(resource, "/v2/payments/captures/");
                if (capture.isEmpty()) {
                    return () -> {};
                }
                String state = shown("/v2/payments/captures/" + PayPalClient.id(capture.get()))
                        .path("status")
                        .asString("");
                return "REFUNDED".equals(state) ? () -> ledger.refunded(NAME, capture.get(), at) : () -> {};
            }
            case "PAYMENT.SALE.COMPLETED" -> {
                // a subscription's payment: the sale names the subscription; the subscription names our checkout
                String subscriptionId = resource.path("billing_agreement_id").asString("");
                if (subscriptionId.isBlank()) {
                    return () -> {};
                }
                JsonNode subscription = subscription(subscriptionId);
                String checkout = subscription.path("custom_id").asString("");
                String email = blankToNull(
                        subscription.path("subscriber").path("email_address").asString(""));
                Instant next = optionalTime(subscription
                        .path("billing_info")
                        .path("next_billing_time")
                        .asString(""));
                String sale = resource.path("id").asString("");
                var amount = resource.path("amount");
                var money = money(
                        amount.path("total").asString(""),
                        amount.path("currency").asString(""));
                return () -> ledger.recurringPaid(
                        new RecurringSupportId(NAME, subscriptionId, checkout),
                        new Ledger.Payment(sale, sale, money),
                        email,
                        next,
                        at);
            }
            case "PAYMENT.SALE.REFUNDED", "PAYMENT.SALE.REVERSED" -> {
                String sale = resource.path("sale_id").asString("");
                if (sale.isBlank()) {
                    return () -> {};
                }
                String state = shown("/v1/payments/sale/" + PayPalClient.id(sale))
                        .path("state")
                        .asString("");
                return "refunded".equals(state) ? () -> ledger.refunded(NAME, sale, at) : () -> {};
            }
            case "BILLING.SUBSCRIPTION.ACTIVATED" -> {
                var id = new RecurringSupportId(NAME, resource.path("id").asString(""), custom);
                String email = blankToNull(
                        resource.path("subscriber").path("email_address").asString(""));
                Instant next = optionalTime(
                        resource.path("billing_info").path("next_billing_time").asString(""));
                return () -> {
                    ledger.checkoutPaid(NAME, custom, email, null, id.reference(), at);
                    ledger.recurringChanged(id, RecurringStatus.ACTIVE, null, next, at);
                };
            }
            case "BILLING.SUBSCRIPTION.UPDATED",
                    "BILLING.SUBSCRIPTION.RE-ACTIVATED",
                    "BILLING.SUBSCRIPTION.SUSPENDED" -> {
                var id = new RecurringSupportId(NAME, resource.path("id").asString(""), custom);
                var status = status(resource.path("status").asString(""));
                Instant next = optionalTime(
                        resource.path("billing_info").path("next_billing_time").asString(""));
                return status.isEmpty() ? () -> {} : () -> ledger.recurringChanged(id, status.get(), null, next, at);
            }
            case "BILLING.SUBSCRIPTION.CANCELLED", "BILLING.SUBSCRIPTION.EXPIRED" -> {
                var id = new RecurringSupportId(NAME, resource.path("id").asString(""), custom);
                return () -> ledger.recurringEnded(id, at);
            }
            case "BILLING.SUBSCRIPTION.PAYMENT.FAILED" -> {
                var id = new RecurringSupportId(NAME, resource.path("id").asString(""), custom);
                return () -> ledger.recurringFailed(id, at);
            }
            default -> {
                log.debug("PayPal event {} of type {} needs nothing from us", event.path("id"), type);
                return () -> {};
            }
        }
    }

    private JsonNode subscription(String id) throws PaymentProvider.ProviderFailure {
        return shown("/v1/billing/subscriptions/" + PayPalClient.id(id));
    }

    /**
     * What PayPal shows at {@code path}; anything but an answer is a failure, so the event is not
     * marked handled and comes again (a refund must not be lost to a passing error).
     */
    private JsonNode shown(String path) throws PaymentProvider.ProviderFailure {
        var reply = paypal.get(path);
        if (!reply.ok()) {
            throw new PaymentProvider.ProviderFailure(
                    "PayPal did not show " + path + ": " + reply.status() + " " + reply.issue(), null);
        }
        return reply.body();
    }

    /** The id at the end of the resource's "up" link under {@code prefix}: a refund's capture. */
    private static Optional<String> upLink(JsonNode resource, String prefix) {
        for (JsonNode link : resource.path("links")) {
            String href = link.path("href").asString("");
            int at = href.indexOf(prefix);
            if ("up".equals(link.path("rel").asString("")) && at >= 0) {
                return Optional.of(href.substring(at + prefix.length()));
            }
        }
        return Optional.empty();
    }

    private static Optional<RecurringStatus> status(String paypalStatus) {
        return switch (paypalStatus) {
            case "ACTIVE" -> Optional.of(RecurringStatus.ACTIVE);
            case "SUSPENDED" -> Optional.of(RecurringStatus.PAST_DUE);
            case "CANCELLED", "EXPIRED" -> Optional.of(RecurringStatus.CANCELLED);
            default -> Optional.empty(); // not yet approved: nothing to record
        };
    }

    private static Money money(JsonNode amount) {
        return money(
                amount.path("value").asString(""), amount.path("currency_code").asString(""));
    }

    private static Money money(String value, String currency) {
        var unit = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        long minor = new BigDecimal(value)
                .movePointRight(Math.max(0, unit.getDefaultFractionDigits()))
                .longValueExact();
        return new Money(minor, unit);
    }

    private static Instant time(String value) {
        return OffsetDateTime.parse(value).toInstant();
    }

    private static @Nullable Instant optionalTime(String value) {
        return value.isBlank() ? null : time(value);
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
