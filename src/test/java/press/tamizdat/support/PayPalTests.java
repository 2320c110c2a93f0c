package press.tamizdat.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.jsoup.Jsoup;
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
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayPal through our client against a WireMock server standing in for api-m.paypal.com (and for
 * its approval pages): the orders, plans and subscriptions we open, asserted against the shapes
 * PayPal documents; the reader's return; and the webhook — each delivery signed as PayPal signs
 * it (SHA256withRSA over transmission id, time, webhook id and the body's CRC32), PayPal's
 * verification answering SUCCESS only for that signature and that event, deliveries repeated and
 * out of order. Stripe is configured too, so the form has a second way to pay to offer.
 */
@SpringBootTest(
        properties = {
            "tamizdat.site.name=Tamizdat",
            "tamizdat.support.paypal.client-id=" + PayPalTests.CLIENT,
            "tamizdat.support.paypal.client-secret=" + PayPalTests.SECRET,
            "tamizdat.support.paypal.webhook-id=" + PayPalTests.WEBHOOK,
            "tamizdat.support.stripe.secret-key=sk_test_paypal",
            "tamizdat.support.stripe.webhook-secret=whsec_paypal",
            "tamizdat.support.stripe.checkout-origin=https://checkout.stripe.test"
        })
@AutoConfigureMockMvc
class PayPalTests {

    static final String CLIENT = "AZ-client";
    static final String SECRET = "EK-secret";
    static final String WEBHOOK = "8PT597110X687430LKGECATA";
    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/support/manage\\?token=\\S+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final WireMockServer paypal = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    static final KeyPair paypalKey;

    static {
        paypal.start();
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            paypalKey = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void apis(DynamicPropertyRegistry properties) {
        properties.add("tamizdat.support.paypal.api-base", paypal::baseUrl);
        properties.add("tamizdat.support.stripe.api-base", paypal::baseUrl);
    }

    @AfterAll
    static void stop() {
        paypal.stop();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    TamizdatSettings settings;

    @BeforeEach
    void paypalAnswers() {
        paypal.resetAll();
        paypal.stubFor(post(urlEqualTo("/v1/oauth2/token"))
                .withBasicAuth(CLIENT, SECRET)
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(
                        json("{\"access_token\": \"A21-token\", \"token_type\": \"Bearer\", \"expires_in\": 32400}")));
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders")).willReturn(json("""
                        {"id": "5O190127TN364715T", "status": "PAYER_ACTION_REQUIRED",
                         "links": [{"href": "%s/checkoutnow?token=5O190127TN364715T", "rel": "payer-action", "method": "GET"}]}
                        """.formatted(paypal.baseUrl()))));
        paypal.stubFor(
                post(urlEqualTo("/v1/catalogs/products")).willReturn(json("{\"id\": \"PROD-XXCD1234QWER65782\"}")));
        paypal.stubFor(post(urlEqualTo("/v1/billing/plans"))
                .willReturn(json("{\"id\": \"P-5ML4271244454362WXNWU5NQ\", \"status\": \"ACTIVE\"}")));
        paypal.stubFor(post(urlEqualTo("/v1/billing/subscriptions")).willReturn(json("""
                        {"id": "I-BW452GLLEP1G", "status": "APPROVAL_PENDING",
                         "links": [{"href": "%s/webapps/billing/subscriptions?ba_token=BA-2M539689T3856352J", "rel": "approve", "method": "GET"}]}
                        """.formatted(paypal.baseUrl()))));
        // PayPal's verification: FAILURE unless a delivery below registered its signature
        paypal.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .atPriority(10)
                .willReturn(json("{\"verification_status\": \"FAILURE\"}")));
    }

    // --- opening a payment -------------------------------------------------------------------

    @Test
    void aOneTimeGiftOpensAnOrderToCaptureAndSendsTheReaderToApproveIt() throws Exception {
        var response = proceed("once", "10", "USD", "paypal");

        assertThat(response.getRedirectedUrl()).isEqualTo(paypal.baseUrl() + "/checkoutnow?token=5O190127TN364715T");
        String reference = checkoutFor(1000, "USD");
        var request = only("/v2/checkout/orders");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer A21-token");
        assertThat(request.getHeader("PayPal-Request-Id")).isEqualTo("checkout-" + reference);
        JsonNode order = JSON.readTree(request.getBodyAsString());
        assertThat(order.path("intent").asString()).isEqualTo("CAPTURE");
        JsonNode unit = order.path("purchase_units").path(0);
        assertThat(unit.path("custom_id").asString()).isEqualTo(reference);
        assertThat(unit.path("amount").path("currency_code").asString()).isEqualTo("USD");
        assertThat(unit.path("amount").path("value").asString()).isEqualTo("10.00");
        JsonNode experience = order.path("payment_source").path("paypal").path("experience_context");
        assertThat(experience.path("return_url").asString())
                .isEqualTo("http://localhost:8080/support/paypal/return?checkout=" + reference);
        assertThat(experience.path("cancel_url").asString())
                .isEqualTo("http://localhost:8080/support?frequency=once&custom=10.00&currency=USD");
        assertThat(experience.path("shipping_preference").asString()).isEqualTo("NO_SHIPPING");
    }

    @Test
    void monthlySupportSubscribesToAPlanMadeOnceForItsAmountAndReused() throws Exception {
        proceed("monthly", "7.77", "USD", "paypal");
        proceed("monthly", "7.77", "USD", "paypal");

        var plans = paypal.findAll(postRequestedFor(urlEqualTo("/v1/billing/plans"))).stream()
                .map(request -> JSON.readTree(request.getBodyAsString()))
                .filter(plan -> plan.path("billing_cycles")
                        .path(0)
                        .path("pricing_scheme")
                        .path("fixed_price")
                        .path("value")
                        .asString()
                        .equals("7.77"))
                .toList();
        assertThat(plans).as("one plan for $7.77 a month").hasSize(1);
        JsonNode cycle = plans.getFirst().path("billing_cycles").path(0);
        assertThat(cycle.path("frequency").path("interval_unit").asString()).isEqualTo("MONTH");
        assertThat(cycle.path("tenure_type").asString()).isEqualTo("REGULAR");
        assertThat(cycle.path("total_cycles").asInt()).isZero();
        assertThat(plans.getFirst().path("product_id").asString()).isEqualTo("PROD-XXCD1234QWER65782");
        var subscriptions = paypal.findAll(postRequestedFor(urlEqualTo("/v1/billing/subscriptions")));
        assertThat(subscriptions).hasSize(2);
        for (var request : subscriptions) {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            assertThat(body.path("plan_id").asString()).isEqualTo("P-5ML4271244454362WXNWU5NQ");
            assertThat(body.path("custom_id").asString()).isNotBlank();
            assertThat(body.path("application_context").path("user_action").asString())
                    .isEqualTo("SUBSCRIBE_NOW");
        }
    }

    @Test
    void annualSupportGetsAYearlyPlan() throws Exception {
        proceed("annual", "61", "EUR", "paypal");

        assertThat(paypal.findAll(postRequestedFor(urlEqualTo("/v1/billing/plans"))).stream()
                        .map(request -> JSON.readTree(request.getBodyAsString()))
                        .filter(plan -> plan.path("name").asString().contains("61.00 EUR")))
                .singleElement()
                .satisfies(plan -> assertThat(plan.path("billing_cycles")
                                .path(0)
                                .path("frequency")
                                .path("interval_unit")
                                .asString())
                        .isEqualTo("YEAR"));
    }

    @Test
    void paypalNotAnsweringKeepsTheFormOffersTheCardAndChargesNothing() throws Exception {
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("66.00")))
                .willReturn(aResponse().withStatus(503)));

        var response = proceed("once", "66", "USD", "paypal");

        assertThat(response.getStatus()).isEqualTo(503);
        var form = Jsoup.parse(response.getContentAsString());
        assertThat(form.select("[role=alert]").text())
                .contains("PayPal did not answer. Nothing was charged: try again, or choose another way to pay.");
        assertThat(form.select("input[name=method][checked]").val()).isEqualTo("card");
        assertThat(form.select("input[name=method]").eachAttr("value")).containsExactly("card", "paypal");
        assertThat(form.select("#give-custom").val()).isEqualTo("66");
    }

    @Test
    void pagesWithTheFormMayHandOverToPayPalsApprovalPages() throws Exception {
        String policy = mvc.perform(MockMvcRequestBuilders.get("/support"))
                .andReturn()
                .getResponse()
                .getHeader("Content-Security-Policy");

        assertThat(policy).containsPattern("form-action 'self'[^;]* " + paypal.baseUrl() + "[ ;]");
        assertThat(policy).containsPattern("form-action 'self'[^;]* https://checkout.stripe.test[ ;]");
    }

    @Test
    void paypalsApprovalPageOriginFollowsTheApiItIsGiven() {
        assertThat(PayPalProvider.checkoutOrigin(java.net.URI.create("https://api-m.paypal.com")))
                .isEqualTo("https://www.paypal.com");
        assertThat(PayPalProvider.checkoutOrigin(java.net.URI.create("https://api-m.sandbox.paypal.com")))
                .isEqualTo("https://www.sandbox.paypal.com");
    }

    // --- the reader's return -----------------------------------------------------------------

    @Test
    void theReadersReturnCapturesTheOrderAndRecordsNothing() throws Exception {
        proceed("once", "11", "USD", "paypal");
        String reference = checkoutFor(1100, "USD");
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders/ORDER-RETURN/capture"))
                .willReturn(json("{\"id\": \"ORDER-RETURN\", \"status\": \"COMPLETED\"}")));

        var back = mvc.perform(MockMvcRequestBuilders.get("/support/paypal/return")
                        .param("checkout", reference)
                        .param("token", "ORDER-RETURN")
                        .param("PayerID", "QYR5Z8XDVJNXQ"))
                .andReturn()
                .getResponse();

        assertThat(back.getRedirectedUrl()).isEqualTo("/support/thanks");
        assertThat(only("/v2/checkout/orders/ORDER-RETURN/capture").getHeader("PayPal-Request-Id"))
                .isEqualTo("capture-ORDER-RETURN");
        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + reference + "'"))
                .as("only PayPal's event records the payment")
                .isZero();
        assertThat(status(reference)).isEqualTo("STARTED");
    }

    @Test
    void aDeclinedCaptureSendsTheReaderBackToTheFormAsFilled() throws Exception {
        proceed("once", "12", "USD", "paypal");
        String reference = checkoutFor(1200, "USD");
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders/ORDER-DECLINED/capture"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"name": "UNPROCESSABLE_ENTITY", "details": [{"issue": "INSTRUMENT_DECLINED"}]}
                                """)));

        var back = mvc.perform(MockMvcRequestBuilders.get("/support/paypal/return")
                        .param("checkout", reference)
                        .param("token", "ORDER-DECLINED"))
                .andReturn()
                .getResponse();

        assertThat(back.getRedirectedUrl()).isEqualTo("/support/failed?frequency=once&custom=12.00&currency=USD");
    }

    // --- the webhook ---------------------------------------------------------------------------

    @Test
    void aCapturedOrderIsRecordedOnceHoweverOftenAndInWhateverOrderItsEventsCome() throws Exception {
        proceed("once", "20", "USD", "paypal");
        String checkout = checkoutFor(2000, "USD");
        String capture = "CAP-" + shortId();
        String email = "giver-" + shortId() + "@example.org";
        String completed = event("PAYMENT.CAPTURE.COMPLETED", captureResource(capture, checkout, "20.00"), now());
        String order = event(
                "CHECKOUT.ORDER.COMPLETED",
                """
                {"id": "ORDER-%s", "intent": "CAPTURE", "status": "COMPLETED",
                 "payer": {"email_address": "%s"},
                 "purchase_units": [{"custom_id": "%s", "payments": {"captures": [%s]}}]}
                """.formatted(capture, email, checkout, captureResource(capture, checkout, "20.00")),
                now());

        for (String delivery : List.of(completed, order, completed, order, completed)) {
            assertThat(deliver(delivery).getStatus()).isEqualTo(200);
        }

        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout
                        + "' AND provider = 'paypal' AND provider_reference = '" + capture
                        + "' AND amount_minor = 2000 AND status = 'PAID' AND supporter_id IS NOT NULL"))
                .isOne();
        assertThat(status(checkout)).isEqualTo("COMPLETED");
        assertThat(receipts(email, 1)).hasSize(1);
    }

    @Test
    void anApprovedOrderWhoseReaderNeverCameBackIsCapturedFromItsEvent() throws Exception {
        paypal.stubFor(post(urlEqualTo("/v2/checkout/orders/ORDER-GONE/capture"))
                .willReturn(json("{\"id\": \"ORDER-GONE\", \"status\": \"COMPLETED\"}")));

        var answer = deliver(event(
                "CHECKOUT.ORDER.APPROVED",
                "{\"id\": \"ORDER-GONE\", \"intent\": \"CAPTURE\", \"status\": \"APPROVED\", \"purchase_units\": []}",
                now()));

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(only("/v2/checkout/orders/ORDER-GONE/capture").getHeader("PayPal-Request-Id"))
                .isEqualTo("capture-ORDER-GONE");
    }

    @Test
    void anEventPayPalDoesNotVouchForChangesNothing() throws Exception {
        proceed("once", "21", "USD", "paypal");
        String checkout = checkoutFor(2100, "USD");
        String forged = event("PAYMENT.CAPTURE.COMPLETED", captureResource("CAP-FORGED", checkout, "21.00"), now());

        var answer = transmit(forged, headers(forged, "bm90IHBheXBhbCdzIHNpZ25hdHVyZQ=="));

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout + "'"))
                .isZero();
        var asked = only("/v1/notifications/verify-webhook-signature");
        JsonNode check = JSON.readTree(asked.getBodyAsString());
        assertThat(check.path("webhook_id").asString()).isEqualTo(WEBHOOK);
        assertThat(check.path("auth_algo").asString()).isEqualTo("SHA256withRSA");
        assertThat(check.path("webhook_event")).as("the event as it came").isEqualTo(JSON.readTree(forged));
    }

    @Test
    void anEventWithoutPayPalsHeadersIsRefusedWithoutAsking() throws Exception {
        String event = event("PAYMENT.CAPTURE.COMPLETED", captureResource("CAP-BARE", "x", "1.00"), now());

        var answer = mvc.perform(MockMvcRequestBuilders.post("/support/webhooks/paypal")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(event))
                .andReturn()
                .getResponse();

        assertThat(answer.getStatus()).isEqualTo(400);
        paypal.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/notifications/verify-webhook-signature")));
    }

    @Test
    void aCertificateOffPayPalsHostsIsRefusedWithoutAsking() throws Exception {
        String event = event("PAYMENT.CAPTURE.COMPLETED", captureResource("CAP-HOST", "x", "1.00"), now());
        String[] transmission = headers(event, null);

        var answer = mvc.perform(MockMvcRequestBuilders.post("/support/webhooks/paypal")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(event)
                        .header(transmission[0], transmission[1])
                        .header(transmission[2], transmission[3])
                        .header(transmission[4], transmission[5])
                        .header("PAYPAL-CERT-URL", "https://attacker.example/paypal.com/cert.pem")
                        .header("PAYPAL-AUTH-ALGO", "SHA256withRSA"))
                .andReturn()
                .getResponse();

        assertThat(answer.getStatus()).isEqualTo(400);
        paypal.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/notifications/verify-webhook-signature")));
    }

    @Test
    void aRefundPayPalCannotShowNowIsNotLostButComesAgain() throws Exception {
        proceed("once", "25", "USD", "paypal");
        String checkout = checkoutFor(2500, "USD");
        String capture = "CAP-LATE-" + shortId();
        deliver(event("PAYMENT.CAPTURE.COMPLETED", captureResource(capture, checkout, "25.00"), now()));
        String refunded = event("PAYMENT.CAPTURE.REFUNDED", refund(capture, "25.00"), now());
        paypal.stubFor(get(urlEqualTo("/v2/payments/captures/" + capture))
                .willReturn(aResponse().withStatus(429)));

        var first = deliver(refunded);
        paypal.stubFor(get(urlEqualTo("/v2/payments/captures/" + capture))
                .willReturn(json("{\"id\": \"" + capture + "\", \"status\": \"REFUNDED\"}")));
        var again = deliver(refunded);

        assertThat(first.getStatus()).isEqualTo(503);
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(contributionStatus(capture)).isEqualTo("REFUNDED");
    }

    @Test
    void anEventThatCannotBeCheckedNowIsRefusedForPayPalToSendAgain() throws Exception {
        proceed("once", "22", "USD", "paypal");
        String checkout = checkoutFor(2200, "USD");
        String event = event("PAYMENT.CAPTURE.COMPLETED", captureResource("CAP-LATER", checkout, "22.00"), now());
        paypal.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(503)));

        assertThat(deliver(event).getStatus()).isEqualTo(503);
        paypal.removeStub(paypal.getStubMappings().stream()
                .filter(stub -> stub.getPriority() != null && stub.getPriority() == 1)
                .findFirst()
                .orElseThrow());
        assertThat(deliver(event).getStatus()).isEqualTo(200);

        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout + "'"))
                .isOne();
    }

    @Test
    void aSubscriptionsEventsInAnyOrderEndInTheStateOfTheNewest() throws Exception {
        proceed("monthly", "8", "USD", "paypal");
        String checkout = checkoutFor(800, "USD");
        String subscription = "I-" + shortId();
        String email = "monthly-" + shortId() + "@example.org";
        subscriptionAtPayPal(subscription, checkout, email, "ACTIVE");
        Instant start = now();
        String firstSale = event("PAYMENT.SALE.COMPLETED", sale("S1-" + subscription, subscription, "8.00"), start);
        String activated = event(
                "BILLING.SUBSCRIPTION.ACTIVATED", subscriptionResource(subscription, checkout, email, "ACTIVE"), start);
        String renewal = event(
                "PAYMENT.SALE.COMPLETED",
                sale("S2-" + subscription, subscription, "8.00"),
                start.plus(31, ChronoUnit.DAYS));
        String suspended = event(
                "BILLING.SUBSCRIPTION.SUSPENDED",
                subscriptionResource(subscription, checkout, email, "SUSPENDED"),
                start.plus(40, ChronoUnit.DAYS));
        String cancelled = event(
                "BILLING.SUBSCRIPTION.CANCELLED",
                subscriptionResource(subscription, checkout, email, "CANCELLED"),
                start.plus(45, ChronoUnit.DAYS));

        // the sale before the activation, the cancellation before the suspension, and repeats
        for (String delivery : List.of(firstSale, activated, firstSale, cancelled, renewal, suspended, activated)) {
            assertThat(deliver(delivery).getStatus()).isEqualTo(200);
        }

        assertThat(db.sql("SELECT status FROM recurring_support WHERE provider = 'paypal' AND provider_reference = :id")
                        .param("id", subscription)
                        .query(String.class)
                        .single())
                .isEqualTo("CANCELLED");
        assertThat(db.sql("""
                        SELECT kind FROM contribution WHERE checkout_reference = :checkout AND provider = 'paypal'
                        ORDER BY provider_reference
                        """).param("checkout", checkout).query(String.class).list())
                .containsExactly("FIRST", "RENEWAL");
        assertThat(status(checkout)).isEqualTo("COMPLETED");
        assertThat(receipts(email, 2)).hasSize(2);
    }

    @Test
    void onlyAFullRefundMarksAPaymentRefundedEvenWhenTheRefundComesFirst() throws Exception {
        proceed("once", "23", "USD", "paypal");
        String full = checkoutFor(2300, "USD");
        proceed("once", "24", "USD", "paypal");
        String partial = checkoutFor(2400, "USD");
        String fullCapture = "CAP-FULL-" + shortId();
        String partialCapture = "CAP-PART-" + shortId();
        paypal.stubFor(get(urlEqualTo("/v2/payments/captures/" + fullCapture))
                .willReturn(json("{\"id\": \"" + fullCapture + "\", \"status\": \"REFUNDED\"}")));
        paypal.stubFor(get(urlEqualTo("/v2/payments/captures/" + partialCapture))
                .willReturn(json("{\"id\": \"" + partialCapture + "\", \"status\": \"PARTIALLY_REFUNDED\"}")));

        deliver(event("PAYMENT.CAPTURE.REFUNDED", refund(fullCapture, "23.00"), now()));
        deliver(event("PAYMENT.CAPTURE.COMPLETED", captureResource(fullCapture, full, "23.00"), now()));
        deliver(event("PAYMENT.CAPTURE.COMPLETED", captureResource(partialCapture, partial, "24.00"), now()));
        deliver(event("PAYMENT.CAPTURE.REFUNDED", refund(partialCapture, "4.00"), now()));

        assertThat(contributionStatus(fullCapture)).isEqualTo("REFUNDED");
        assertThat(contributionStatus(partialCapture)).isEqualTo("PAID");
    }

    @Test
    void aSupporterCancelsPayPalSupportFromTheirPageAndPayPalIsTold() throws Exception {
        proceed("monthly", "9", "USD", "paypal");
        String checkout = checkoutFor(900, "USD");
        String subscription = "I-" + shortId();
        String email = "cancels-" + shortId() + "@example.org";
        subscriptionAtPayPal(subscription, checkout, email, "ACTIVE");
        paypal.stubFor(post(urlEqualTo("/v1/billing/subscriptions/" + subscription + "/cancel"))
                .willReturn(aResponse().withStatus(204)));
        deliver(event(
                "BILLING.SUBSCRIPTION.ACTIVATED",
                subscriptionResource(subscription, checkout, email, "ACTIVE"),
                now()));
        deliver(event("PAYMENT.SALE.COMPLETED", sale("S-" + subscription, subscription, "9.00"), now()));

        var own = open(linkIn(new TestOutbox(settings).first(email)));
        String id =
                own.select("form[action=/support/manage/cancel] input[name=id]").val();
        var cancelled = Jsoup.parse(mvc.perform(MockMvcRequestBuilders.post("/support/manage/cancel")
                        .param("page", own.select("input[name=page]").first().val())
                        .param("id", id))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(cancelled.text()).contains("$9.00, every month — cancelled");
        paypal.verify(postRequestedFor(urlEqualTo("/v1/billing/subscriptions/" + subscription + "/cancel"))
                .withHeader("Authorization", equalTo("Bearer A21-token"))
                .withRequestBody(matchingJsonPath("$.reason")));
    }

    // ---------------------------------------------------------------------------------------------

    private MockHttpServletResponse proceed(String frequency, String custom, String currency, String method)
            throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/support")
                        .param("frequency", frequency)
                        .param("custom", custom)
                        .param("currency", currency)
                        .param("method", method)
                        .with(request -> {
                            request.setRemoteAddr("10.9." + (custom.hashCode() & 0xff) + ".1");
                            return request;
                        }))
                .andReturn()
                .getResponse();
    }

    /** The newest checkout for an amount (each test gives its own). */
    private String checkoutFor(long minor, String currency) {
        return db.sql("""
                        SELECT reference FROM checkout WHERE amount_minor = :minor AND currency = :currency
                        AND provider = 'paypal' ORDER BY created_at DESC, reference DESC FETCH FIRST 1 ROWS ONLY
                        """)
                .param("minor", minor)
                .param("currency", currency)
                .query(String.class)
                .single();
    }

    private LoggedRequest only(String path) {
        var requests = paypal.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private void subscriptionAtPayPal(String subscription, String checkout, String email, String status) {
        paypal.stubFor(get(urlEqualTo("/v1/billing/subscriptions/" + subscription))
                .willReturn(json(subscriptionResource(subscription, checkout, email, status))));
    }

    private static String subscriptionResource(String id, String checkout, String email, String status) {
        return """
                {"id": "%s", "plan_id": "P-5ML4271244454362WXNWU5NQ", "status": "%s", "custom_id": "%s",
                 "subscriber": {"email_address": "%s"},
                 "billing_info": {"next_billing_time": "2027-01-01T10:00:00Z", "failed_payments_count": 0}}
                """.formatted(id, status, checkout, email);
    }

    private static String captureResource(String id, String checkout, String value) {
        return """
                {"id": "%s", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "%s"},
                 "custom_id": "%s", "final_capture": true}
                """.formatted(id, value, checkout);
    }

    private static String sale(String id, String subscription, String total) {
        return """
                {"id": "%s", "state": "completed", "amount": {"total": "%s", "currency": "USD"},
                 "billing_agreement_id": "%s", "create_time": "2026-12-01T10:00:00Z"}
                """.formatted(id, total, subscription);
    }

    private static String refund(String capture, String value) {
        return """
                {"id": "RF-%s", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "%s"},
                 "links": [{"href": "https://api.paypal.com/v2/payments/refunds/RF-%s", "rel": "self", "method": "GET"},
                           {"href": "https://api.paypal.com/v2/payments/captures/%s", "rel": "up", "method": "GET"}]}
                """.formatted(capture, value, capture, capture);
    }

    private static String event(String type, String resource, Instant at) {
        return """
                {"id": "WH-%s", "event_version": "1.0", "create_time": "%s", "resource_type": "x",
                 "event_type": "%s", "summary": "test", "resource": %s}
                """.formatted(UUID.randomUUID(), at, type, resource.strip());
    }

    /** Delivers an event as PayPal does: signed with its key, its verification vouching for this signature. */
    private MockHttpServletResponse deliver(String event) throws Exception {
        String[] headers = headers(event, null);
        paypal.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .atPriority(5)
                .withRequestBody(matchingJsonPath("$.transmission_sig", equalTo(headers[5])))
                .withRequestBody(matchingJsonPath("$.webhook_id", equalTo(WEBHOOK)))
                .withRequestBody(matchingJsonPath("$.transmission_id", equalTo(headers[1])))
                .withRequestBody(matchingJsonPath("$.webhook_event", equalToJson(event)))
                .willReturn(json("{\"verification_status\": \"SUCCESS\"}")));
        return transmit(event, headers);
    }

    /**
     * PayPal's transmission headers for {@code event}: the signature is SHA256withRSA over
     * "transmission id|time|webhook id|CRC32 of the body", unless {@code signature} is given.
     */
    private static String[] headers(String event, String signature) throws Exception {
        String id = UUID.randomUUID().toString();
        String time = Instant.now().toString();
        var crc = new CRC32();
        crc.update(event.getBytes(StandardCharsets.UTF_8));
        if (signature == null) {
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(paypalKey.getPrivate());
            signer.update((id + "|" + time + "|" + WEBHOOK + "|" + crc.getValue()).getBytes(StandardCharsets.UTF_8));
            signature = Base64.getEncoder().encodeToString(signer.sign());
        }
        return new String[] {
            "PAYPAL-TRANSMISSION-ID", id, "PAYPAL-TRANSMISSION-TIME", time, "PAYPAL-TRANSMISSION-SIG", signature
        };
    }

    private MockHttpServletResponse transmit(String body, String[] transmission) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/support/webhooks/paypal")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .header(transmission[0], transmission[1])
                        .header(transmission[2], transmission[3])
                        .header(transmission[4], transmission[5])
                        .header(
                                "PAYPAL-CERT-URL",
                                "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594")
                        .header("PAYPAL-AUTH-ALGO", "SHA256withRSA"))
                .andReturn()
                .getResponse();
    }

    private org.jsoup.nodes.Document open(String link) throws Exception {
        var button = Jsoup.parse(mvc.perform(MockMvcRequestBuilders.get(link))
                .andReturn()
                .getResponse()
                .getContentAsString());
        return Jsoup.parse(mvc.perform(MockMvcRequestBuilders.post("/support/manage")
                        .param("token", button.select("input[name=token]").val()))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    /** The mail to {@code email} once at least {@code expected} messages have come. */
    private List<MimeMessage> receipts(String email, int expected) {
        var outbox = new TestOutbox(settings);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> outbox.to(email).size() >= expected);
        return outbox.to(email);
    }

    private static String linkIn(MimeMessage message) {
        var matcher = LINK.matcher(TestOutbox.text(message));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private String contributionStatus(String capture) {
        return db.sql("SELECT status FROM contribution WHERE provider = 'paypal' AND provider_reference = :capture")
                .param("capture", capture)
                .query(String.class)
                .single();
    }

    private String status(String checkout) {
        return db.sql("SELECT status FROM checkout WHERE reference = :reference")
                .param("reference", checkout)
                .query(String.class)
                .single();
    }

    private int count(String sql) {
        return db.sql(sql).query(Integer.class).single();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
