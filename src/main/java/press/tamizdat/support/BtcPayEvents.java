package press.tamizdat.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import press.tamizdat.web.PublicPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BTCPay Server's webhook. A delivery is believed only if its {@code BTCPay-Sig} is the
 * HMAC-SHA256 of the body under the store webhook's secret; it is acted on once per delivery (a
 * redelivery carries the original's id) and a settled invoice is a contribution once, by its id.
 * The invoice itself is read back from the server, so what is recorded is what the server holds.
 * A settled invoice is the money; one paid in part, late, twice over or found invalid is noted for
 * the newsroom's revenue page, where a person decides.
 */
@RestController
@ConditionalOnExpression("!'${tamizdat.support.btcpay.url:}'.isBlank()")
class BtcPayEvents {

    private static final Logger log = LoggerFactory.getLogger(BtcPayEvents.class);
    private static final String NAME = BtcPayProvider.NAME;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BtcPayProvider btcpay;
    private final Ledger ledger;
    private final Checkouts checkouts;
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final byte[] secret;

    BtcPayEvents(
            BtcPayProvider btcpay,
            Ledger ledger,
            Checkouts checkouts,
            JdbcClient db,
            TransactionTemplate transactions,
            SupportSettings settings) {
        this.btcpay = btcpay;
        this.ledger = ledger;
        this.checkouts = checkouts;
        this.db = db;
        this.transactions = transactions;
        this.secret = settings.btcpay().webhookSecret().getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping(PublicPaths.WEBHOOKS + "/btcpay")
    ResponseEntity<String> receive(
            @RequestBody byte[] payload, @RequestHeader(name = "BTCPay-Sig", defaultValue = "") String signature) {
        if (!signed(payload, signature)) {
            return ResponseEntity.badRequest().body("The signature does not hold for this payload\n");
        }
        JsonNode delivery;
        try {
            delivery = JSON.readTree(payload);
        } catch (JacksonException e) {
            return ResponseEntity.badRequest().body("Not an event\n");
        }
        String original = delivery.path("originalDeliveryId").asString("");
        String id = original.isBlank() ? delivery.path("deliveryId").asString("") : original;
        String invoice = delivery.path("invoiceId").asString("");
        String type = delivery.path("type").asString("");
        if (id.isBlank()) {
            return ResponseEntity.badRequest().body("Not an event\n");
        }
        try {
            Runnable effect = effect(type, invoice, delivery);
            transactions.executeWithoutResult(status -> {
                if (ledger.firstDelivery(NAME, id)) {
                    effect.run();
                }
            });
            return ResponseEntity.ok("");
        } catch (PaymentProvider.ProviderFailure e) {
            log.warn("BTCPay delivery {} waits for the server to show invoice {}", id, invoice, e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body("The invoice could not be read; send it again\n");
        }
    }

    private boolean signed(byte[] payload, String header) {
        if (!header.startsWith("sha256=")) {
            return false;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal(payload);
            byte[] given =
                    HexFormat.of().parseHex(header.substring("sha256=".length()).strip());
            return MessageDigest.isEqual(expected, given);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private Runnable effect(String type, String invoiceId, JsonNode delivery) throws PaymentProvider.ProviderFailure {
        Instant at = Instant.ofEpochSecond(
                delivery.path("timestamp").asLong(Instant.now().getEpochSecond()));
        switch (type) {
            case "InvoiceSettled", "InvoiceExpired", "InvoiceInvalid", "InvoiceReceivedPayment" -> {}
            default -> {
                return () -> {}; // created, processing (seen, not yet confirmed), payment settled: nothing to record
            }
        }
        JsonNode invoice = btcpay.invoice(invoiceId);
        JsonNode metadata = invoice.path("metadata");
        String checkout = metadata.path("checkout").asString("");
        if (checkout.isBlank() || checkouts.find(checkout).isEmpty()) {
            // the store's other invoices (a point of sale, a crowdfund) are none of ours
            log.debug("BTCPay invoice {} names no checkout of ours; left alone", invoiceId);
            return () -> {};
        }
        int period = metadata.path("period").asInt(1);
        @Nullable
        String email = metadata.path("buyerEmail").asString("").isBlank()
                ? null
                : metadata.path("buyerEmail").asString();
        return switch (type) {
            case "InvoiceSettled" -> {
                var money = money(invoice);
                if (money == null) {
                    log.warn(
                            "BTCPay invoice {} is priced in {}, which is no currency of ours; left alone",
                            invoiceId,
                            invoice.path("currency").asString(""));
                    yield () -> {};
                }
                var payment = new Ledger.Payment(invoiceId, invoiceId, money);
                boolean overpaid = delivery.path("overPaid").asBoolean(false)
                        || "PaidOver".equals(invoice.path("additionalStatus").asString(""));
                yield () -> {
                    if (overpaid) {
                        note(invoiceId, "OVERPAID", checkout, at);
                    }
                    settled(checkout, period, email, payment, at);
                };
            }
            case "InvoiceExpired" -> {
                boolean partly = delivery.path("partiallyPaid").asBoolean(false);
                yield () -> {
                    if (partly) {
                        note(invoiceId, "PARTIAL", checkout, at);
                    }
                    if (period == 1) {
                        checkouts.end(checkout, CheckoutStatus.CANCELLED);
                    }
                };
            }
            case "InvoiceInvalid" ->
                () -> {
                    note(invoiceId, "INVALID", checkout, at);
                    if (period == 1) {
                        checkouts.failed(checkout);
                    }
                };
            default ->
                delivery.path("afterExpiration").asBoolean(false)
                        ? () -> note(invoiceId, "LATE", checkout, at)
                        : () -> {};
        };
    }

    /** A settled invoice: a one-time gift, the first period of recurring support, or a renewal. */
    private void settled(
            String checkoutReference, int period, @Nullable String email, Ledger.Payment payment, Instant at) {
        var checkout = checkouts.find(checkoutReference);
        if (checkout.isEmpty()) {
            log.warn("A BTCPay invoice names checkout {}, which we did not start; left alone", checkoutReference);
            return;
        }
        if (checkout.get().frequency() == Frequency.ONCE) {
            ledger.checkoutPaid(NAME, checkoutReference, email, payment, null, at);
            return;
        }
        var id = new RecurringSupportId(NAME, CryptoRenewals.reference(checkoutReference), checkoutReference);
        if (period == 1) {
            ledger.checkoutPaid(NAME, checkoutReference, email, null, id.reference(), at);
        }
        var next = at.atOffset(ZoneOffset.UTC)
                .plus(
                        checkout.get().frequency() == Frequency.ANNUAL
                                ? java.time.Period.ofYears(1)
                                : java.time.Period.ofMonths(1))
                .toInstant();
        ledger.recurringPaid(id, payment, period == 1, email, next, at);
    }

    private void note(String invoice, String kind, String checkout, Instant at) {
        db.sql("""
                        INSERT INTO payment_note (provider, reference, kind, checkout_reference, noted_at)
                        VALUES (:provider, :reference, :kind, :checkout, :at)
                        ON CONFLICT DO NOTHING
                        """)
                .param("provider", NAME)
                .param("reference", invoice)
                .param("kind", kind)
                .param("checkout", checkout.isBlank() ? null : checkout)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    /** The invoice's price, or null for one not in an ISO currency (BTC, SATS) or not whole minor units. */
    private static @Nullable Money money(JsonNode invoice) {
        try {
            var currency =
                    Currency.getInstance(invoice.path("currency").asString("").toUpperCase(Locale.ROOT));
            long minor = new BigDecimal(invoice.path("amount").asString("0"))
                    .movePointRight(Math.max(0, currency.getDefaultFractionDigits()))
                    .longValueExact();
            return new Money(minor, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }
}
