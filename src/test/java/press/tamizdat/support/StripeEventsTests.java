package press.tamizdat.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.stripe.Stripe;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Stripe through its real client, against a WireMock server standing in for api.stripe.com: the
 * Checkout Sessions we open, and the webhook — signatures computed here with HMAC-SHA256, events
 * delivered twice and out of order.
 */
@SpringBootTest(
        properties = {
            "tamizdat.site.name=Tamizdat",
            "tamizdat.support.stripe.webhook-secret=" + StripeEventsTests.SECRET,
            "tamizdat.support.stripe.checkout-origin=https://checkout.stripe.test",
            "tamizdat.support.discretion.payment-name=Reading Circle Ltd."
        })
@AutoConfigureMockMvc
class StripeEventsTests {

    static final String SECRET = "whsec_test_secret";

    static final WireMockServer stripe = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry properties) {
        properties.add("tamizdat.support.stripe.secret-key", () -> "sk_test_123");
        properties.add("tamizdat.support.stripe.api-base", stripe::baseUrl);
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

    @Autowired
    MockMvc mvc;

    static final java.util.concurrent.atomic.AtomicInteger networks = new java.util.concurrent.atomic.AtomicInteger();

    @Autowired
    JdbcClient db;

    @Autowired
    Clock clock;

    @Autowired
    SupporterData supporters;

    @Autowired
    SealedEmails sealed;

    @BeforeEach
    void sessions() {
        stripe.resetAll();
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"id": "cs_test_1", "object": "checkout.session",
                                 "url": "https://checkout.stripe.test/c/pay/cs_test_1"}
                                """)));
    }

    @Test
    void monthlySupportOpensASessionInSubscriptionModeWithAMonthlyPrice() throws Exception {
        var response = proceed("monthly", "500", "", "USD");

        assertThat(response.getRedirectedUrl()).isEqualTo("https://checkout.stripe.test/c/pay/cs_test_1");
        String reference = onlyCheckoutFor(500, "USD");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer sk_test_123"))
                .withHeader("Idempotency-Key", equalTo("checkout-" + reference)));
        String form = sentForm();
        assertThat(form)
                .contains("mode=subscription")
                .contains("client_reference_id=" + reference)
                .contains("line_items[0][price_data][currency]=usd")
                .contains("line_items[0][price_data][unit_amount]=500")
                .contains("line_items[0][price_data][recurring][interval]=month")
                .contains("line_items[0][price_data][product_data][name]=Reading Circle Ltd.")
                .contains("subscription_data[metadata][checkout]=" + reference)
                .contains("success_url=http://localhost:8080/support/thanks")
                .doesNotContain("payment_intent_data");
    }

    @Test
    void pagesWithTheFormLetItHandOverToStripesCheckoutAndNowhereElse() throws Exception {
        String policy = mvc.perform(MockMvcRequestBuilders.get("/support"))
                .andReturn()
                .getResponse()
                .getHeader("Content-Security-Policy");
        String newsroom = mvc.perform(MockMvcRequestBuilders.get("/newsroom/login"))
                .andReturn()
                .getResponse()
                .getHeader("Content-Security-Policy");

        // and the live forms address mirrored forms post to (the site's own address unless set)
        assertThat(policy).contains("form-action 'self' https://checkout.stripe.test http://localhost:8080;");
        assertThat(newsroom).contains("form-action 'self';");
    }

    @Test
    void aOneTimeGiftOpensASessionInPaymentModeAsADonation() throws Exception {
        proceed("once", "", "12.50", "EUR");

        String reference = onlyCheckoutFor(1250, "EUR");
        assertThat(sentForm())
                .contains("mode=payment")
                .contains("submit_type=donate")
                .contains("line_items[0][price_data][currency]=eur")
                .contains("line_items[0][price_data][unit_amount]=1250")
                .contains("payment_intent_data[metadata][checkout]=" + reference)
                .contains("payment_intent_data[statement_descriptor_suffix]=Reading Circle Ltd.")
                .doesNotContain("recurring");
    }

    @Test
    void stripeNotAnsweringKeepsTheFormAndSaysSo() throws Exception {
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .willReturn(aResponse().withStatus(500).withBody("{}")));

        var response = proceed("once", "", "13", "USD");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString())
                .contains("The payment service did not answer")
                .contains("value=\"13\"");
    }

    @Test
    void aSignedCompletedCheckoutRecordsTheGiftOnceHoweverOftenItIsDelivered() throws Exception {
        String checkout = startedCheckout("once", 2000, "USD");
        String event = paymentCompleted("evt_" + checkout, checkout, "pi_" + checkout, 2000, now());

        assertThat(deliver(event, now()).getStatus()).isEqualTo(200);
        assertThat(deliver(event, now()).getStatus()).isEqualTo(200);
        assertThat(deliver(event.replace("evt_", "evt_other_"), now()).getStatus())
                .as("another event about the same payment")
                .isEqualTo(200);

        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout
                        + "' AND status = 'PAID' AND amount_minor = 2000 AND provider = 'stripe'"))
                .isEqualTo(1);
        assertThat(status(checkout)).isEqualTo("COMPLETED");
    }

    @Test
    void aLateEventDoesNotBringBackAnErasedSupportersAddress() throws Exception {
        String checkout = startedCheckout("once", 2300, "USD");
        String email = "giver-" + checkout + "@example.org";
        deliver(paymentCompleted("evt_" + checkout, checkout, "pi_" + checkout, 2300, now()), now());
        assertThat(count("SELECT COUNT(*) FROM supporter WHERE email_index = '" + sealed.index(email) + "'"))
                .isEqualTo(1);

        supporters.erase(email);
        String late = paymentCompleted("evt_late_" + checkout, checkout, "pi_" + checkout, 2300, now())
                .replace("checkout.session.completed", "checkout.session.async_payment_succeeded");

        assertThat(deliver(late, now()).getStatus()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM supporter WHERE email_index = '" + sealed.index(email) + "'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout
                        + "' AND supporter_id IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void aWrongSignatureIsRefusedAndChangesNothing() throws Exception {
        String checkout = startedCheckout("once", 2100, "USD");
        String event = paymentCompleted("evt_" + checkout, checkout, "pi_" + checkout, 2100, now());

        var forged = mvc.perform(MockMvcRequestBuilders.post("/support/webhooks/stripe")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Stripe-Signature", "t=" + now() + ",v1=" + hmac("whsec_not_ours", now() + "." + event))
                        .content(event))
                .andReturn()
                .getResponse();
        var unsigned = mvc.perform(MockMvcRequestBuilders.post("/support/webhooks/stripe")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(event))
                .andReturn()
                .getResponse();
        var tampered = deliverSigned(event, event.replace("2100", "2"), now());

        assertThat(forged.getStatus()).isEqualTo(400);
        assertThat(unsigned.getStatus()).isEqualTo(400);
        assertThat(tampered.getStatus()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout + "'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM payment_event WHERE event_id = 'evt_" + checkout + "'"))
                .isZero();
    }

    @Test
    void aSignatureOlderThanTheToleranceIsRefused() throws Exception {
        String checkout = startedCheckout("once", 2200, "USD");
        long tenMinutesAgo = now() - 600;
        String event = paymentCompleted("evt_" + checkout, checkout, "pi_" + checkout, 2200, tenMinutesAgo);

        assertThat(deliver(event, tenMinutesAgo).getStatus()).isEqualTo(400);
        assertThat(deliver(event, now() - 60).getStatus())
                .as("within five minutes")
                .isEqualTo(200);
    }

    @Test
    void recurringSupportEventsInAnyOrderEndInTheStateOfTheNewest() throws Exception {
        String checkout = startedCheckout("monthly", 700, "USD");
        String subscription = "sub_" + checkout;
        long t = now();
        String completed = sessionCompletedForSubscription("evt_a" + checkout, checkout, subscription, t);
        String firstInvoice = invoicePaid(
                "evt_b" + checkout, checkout, subscription, "in_1" + checkout, 700, "subscription_create", t + 1);
        String renewal = invoicePaid(
                "evt_c" + checkout, checkout, subscription, "in_2" + checkout, 700, "subscription_cycle", t + 2);
        String updated = subscriptionEvent(
                "evt_d" + checkout, "customer.subscription.updated", checkout, subscription, "past_due", 900, t + 3);
        String deleted = subscriptionEvent(
                "evt_e" + checkout, "customer.subscription.deleted", checkout, subscription, "canceled", 900, t + 4);

        // the newest first, the oldest last, and one twice
        for (String event : new String[] {deleted, renewal, updated, firstInvoice, completed, renewal}) {
            assertThat(deliver(event, now()).getStatus()).isEqualTo(200);
        }

        assertThat(db.sql("SELECT status FROM recurring_support WHERE provider_reference = :s")
                        .param("s", subscription)
                        .query(String.class)
                        .single())
                .isEqualTo("CANCELLED");
        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout + "'"))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout
                        + "' AND supporter_id IS NOT NULL"))
                .as("payments that came before the address are the supporter's once it comes")
                .isEqualTo(2);
        assertThat(status(checkout)).isEqualTo("COMPLETED");
    }

    @Test
    void aNewerStatusIsNotUndoneByAnOlderEventArrivingLate() throws Exception {
        String checkout = startedCheckout("annual", 5000, "EUR");
        String subscription = "sub_" + checkout;
        long t = now();

        deliver(
                invoicePaid(
                        "evt_p" + checkout,
                        checkout,
                        subscription,
                        "in_p" + checkout,
                        5000,
                        "subscription_create",
                        t + 10),
                now());
        deliver(invoiceFailed("evt_f" + checkout, checkout, subscription, "in_f" + checkout, t + 5), now());

        assertThat(db.sql("SELECT status FROM recurring_support WHERE provider_reference = :s")
                        .param("s", subscription)
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");
    }

    @Test
    void aRefundArrivingBeforeItsPaymentStillMarksThePaymentRefunded() throws Exception {
        String checkout = startedCheckout("once", 3000, "USD");
        String payment = "pi_" + checkout;

        deliver(chargeRefunded("evt_r" + checkout, payment, now()), now());
        deliver(paymentCompleted("evt_" + checkout, checkout, payment, 3000, now()), now());

        assertThat(db.sql("SELECT status FROM contribution WHERE checkout_reference = :c")
                        .param("c", checkout)
                        .query(String.class)
                        .single())
                .isEqualTo("REFUNDED");
    }

    @Test
    void manyEventsAtOnceAreAllAnsweredAndRecordedOnce() throws Exception {
        // more deliveries at once than the pool has connections: each commit hands its receipt to
        // a listener that needs a connection too, and none may wait on the other
        var events = new java.util.ArrayList<String>();
        var checkouts = new java.util.ArrayList<String>();
        for (int i = 0; i < 24; i++) {
            String checkout = startedCheckout("once", 3100 + i, "USD");
            checkouts.add(checkout);
            events.add(paymentCompleted("evt_many_" + checkout, checkout, "pi_" + checkout, 3100 + i, now()));
        }
        var deliveries = new java.util.ArrayList<String>(events);
        deliveries.addAll(events);
        java.util.Collections.shuffle(deliveries, new java.util.Random(3));

        var statuses = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (String event : deliveries) {
                pool.submit(() -> {
                    statuses.add(deliver(event, now()).getStatus());
                    return null;
                });
            }
        }

        assertThat(statuses).hasSize(48).containsOnly(200);
        for (String checkout : checkouts) {
            assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void cancellingRecurringSupportCancelsItAtStripeOnce() throws Exception {
        String checkout = startedCheckout("monthly", 800, "USD");
        String subscription = "sub_" + checkout;
        deliver(sessionCompletedForSubscription("evt_s" + checkout, checkout, subscription, now()), now());
        stripe.stubFor(get(urlEqualTo("/v1/subscriptions/" + subscription))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"" + subscription
                                + "\", \"object\": \"subscription\", \"status\": \"active\"}")));
        stripe.stubFor(delete(urlEqualTo("/v1/subscriptions/" + subscription))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"" + subscription
                                + "\", \"object\": \"subscription\", \"status\": \"canceled\"}")));
        long supporter = db.sql("SELECT supporter_id FROM recurring_support WHERE provider_reference = :s")
                .param("s", subscription)
                .query(Long.class)
                .single();

        supporters.cancel(supporters.recurring(supporter).getFirst());
        supporters.cancel(supporters.recurring(supporter).getFirst());

        stripe.verify(1, deleteRequestedFor(urlEqualTo("/v1/subscriptions/" + subscription)));
        assertThat(supporters.recurring(supporter).getFirst().status()).isEqualTo(RecurringStatus.CANCELLED);
    }

    // --- the reader's side ---------------------------------------------------------------------

    private MockHttpServletResponse proceed(String frequency, String preset, String custom, String currency)
            throws Exception {
        // each from a network of its own: one network's allowance of starts a minute is not the point here
        int network = networks.incrementAndGet();
        return mvc.perform(MockMvcRequestBuilders.post("/support")
                        .with(request -> {
                            request.setRemoteAddr("10." + (network / 250) + "." + (network % 250) + ".1");
                            return request;
                        })
                        .param("frequency", frequency)
                        .param("preset", preset)
                        .param("custom", custom)
                        .param("currency", currency))
                .andReturn()
                .getResponse();
    }

    private String startedCheckout(String frequency, long minor, String currency) throws Exception {
        proceed(frequency, "", new Money(minor, java.util.Currency.getInstance(currency)).plain(), currency);
        return onlyCheckoutFor(minor, currency);
    }

    private String onlyCheckoutFor(long minor, String currency) {
        return db.sql("SELECT reference FROM checkout WHERE amount_minor = :minor AND currency = :currency")
                .param("minor", minor)
                .param("currency", currency)
                .query(String.class)
                .single();
    }

    private String sentForm() {
        var requests = stripe.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions")));
        assertThat(requests).hasSize(1);
        return URLDecoder.decode(requests.getFirst().getBodyAsString(), StandardCharsets.UTF_8);
    }

    private String status(String checkout) {
        return db.sql("SELECT status FROM checkout WHERE reference = :r")
                .param("r", checkout)
                .query(String.class)
                .single();
    }

    private int count(String sql) {
        return db.sql(sql).query(Integer.class).single();
    }

    private long now() {
        return Instant.now(clock).getEpochSecond();
    }

    // --- Stripe's side: events as Stripe sends them, signed as Stripe signs them -----------------

    private MockHttpServletResponse deliver(String event, long signedAt) throws Exception {
        return deliverSigned(event, event, signedAt);
    }

    private MockHttpServletResponse deliverSigned(String signed, String sent, long signedAt) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/support/webhooks/stripe")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Stripe-Signature", "t=" + signedAt + ",v1=" + hmac(SECRET, signedAt + "." + signed))
                        .content(sent))
                .andReturn()
                .getResponse();
    }

    static String hmac(String secret, String payload) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    static String event(String id, String type, long created, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "%s", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "type": "%s", "data": {"object": %s}}
                """.formatted(id, Stripe.API_VERSION, created, type, object);
    }

    static String paymentCompleted(String id, String checkout, String paymentIntent, long amount, long created) {
        return event(id, "checkout.session.completed", created, """
                {"id": "cs_%s", "object": "checkout.session", "mode": "payment", "payment_status": "paid",
                 "client_reference_id": "%s", "payment_intent": "%s", "amount_total": %d, "currency": "usd",
                 "customer_details": {"email": "giver-%s@example.org"}, "metadata": {"checkout": "%s"}}
                """.formatted(
                        checkout, checkout, paymentIntent, amount, checkout, checkout));
    }

    static String sessionCompletedForSubscription(String id, String checkout, String subscription, long created) {
        return event(id, "checkout.session.completed", created, """
                {"id": "cs_%s", "object": "checkout.session", "mode": "subscription", "payment_status": "paid",
                 "client_reference_id": "%s", "subscription": "%s",
                 "customer_details": {"email": "monthly-%s@example.org"}, "metadata": {"checkout": "%s"}}
                """.formatted(
                        checkout, checkout, subscription, checkout, checkout));
    }

    static String invoicePaid(
            String id, String checkout, String subscription, String invoice, long amount, String reason, long created) {
        return event(id, "invoice.paid", created, """
                {"id": "%s", "object": "invoice", "billing_reason": "%s", "amount_paid": %d, "currency": "usd",
                 "parent": {"type": "subscription_details",
                            "subscription_details": {"subscription": "%s", "metadata": {"checkout": "%s"}}},
                 "lines": {"object": "list", "data": [{"id": "il_%s", "object": "line_item",
                           "period": {"start": %d, "end": %d}}]}}
                """.formatted(
                        invoice, reason, amount, subscription, checkout, invoice, created, created + 2_592_000));
    }

    static String invoiceFailed(String id, String checkout, String subscription, String invoice, long created) {
        return event(id, "invoice.payment_failed", created, """
                {"id": "%s", "object": "invoice", "billing_reason": "subscription_cycle", "amount_paid": 0,
                 "currency": "usd",
                 "parent": {"type": "subscription_details",
                            "subscription_details": {"subscription": "%s", "metadata": {"checkout": "%s"}}}}
                """.formatted(invoice, subscription, checkout));
    }

    static String subscriptionEvent(
            String id, String type, String checkout, String subscription, String status, long amount, long created) {
        return event(id, type, created, """
                {"id": "%s", "object": "subscription", "status": "%s", "metadata": {"checkout": "%s"},
                 "items": {"object": "list", "data": [{"id": "si_%s", "object": "subscription_item",
                           "current_period_end": %d,
                           "price": {"id": "price_1", "object": "price", "currency": "usd", "unit_amount": %d,
                                     "product": "prod_1", "recurring": {"interval": "month"}}}]}}
                """.formatted(
                        subscription, status, checkout, subscription, created + 2_592_000, amount));
    }

    static String chargeRefunded(String id, String paymentIntent, long created) {
        return event(id, "charge.refunded", created, """
                {"id": "ch_%s", "object": "charge", "payment_intent": "%s", "refunded": true, "amount_refunded": 3000}
                """.formatted(UUID.randomUUID(), paymentIntent));
    }
}
