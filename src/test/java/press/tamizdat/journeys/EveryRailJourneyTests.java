package press.tamizdat.journeys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.stripe.Stripe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;

/**
 * The "done when", in Debian's Chromium: with Stripe, PayPal and BTCPay Server configured
 * against one local stand-in (a WireMock server on another origin, serving their APIs and their
 * checkout pages) and a bank account entered in the newsroom, a reader under an article chooses
 * Monthly, $5, sees four ways to pay and goes through each: to the provider's page, whose signed
 * events then record the payment, and for the bank transfer to our pledge page, whose reference an
 * admin marks received. The revenue page then shows each rail's $5.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tamizdat.demo=true",
            "tamizdat.support.stripe.secret-key=sk_test_rails",
            "tamizdat.support.stripe.webhook-secret=" + EveryRailJourneyTests.STRIPE_SECRET,
            "tamizdat.support.paypal.client-id=rails",
            "tamizdat.support.paypal.client-secret=rails",
            "tamizdat.support.paypal.webhook-id=WH-RAILS",
            "tamizdat.support.btcpay.api-key=rails",
            "tamizdat.support.btcpay.store-id=StoreRails",
            "tamizdat.support.btcpay.webhook-secret=" + EveryRailJourneyTests.BTCPAY_SECRET
        })
@AutoConfigureMockMvc
class EveryRailJourneyTests {

    static final String STRIPE_SECRET = "whsec_rails";
    static final String BTCPAY_SECRET = "btcpay_rails";

    static final WireMockServer providers = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        providers.start();
    }

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry properties) {
        properties.add("tamizdat.support.stripe.api-base", providers::baseUrl);
        properties.add("tamizdat.support.stripe.checkout-origin", providers::baseUrl);
        properties.add("tamizdat.support.paypal.api-base", providers::baseUrl);
        properties.add("tamizdat.support.btcpay.url", providers::baseUrl);
    }

    @AfterAll
    static void stop() {
        providers.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    StaffAccounts staff;

    ChromeDriver browser;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void monthlyFiveDollarsGoesThroughEveryRailAndEachShowsInRevenue() throws Exception {
        standIns();
        var admin = signInAsAdmin();
        mvc.perform(MockMvcRequestBuilders.post("/newsroom/bank/accounts")
                .param("currency", "USD")
                .param("holder", "Free Press Foundation")
                .param("iban", "DE89 3704 0044 0532 0130 00")
                .param("bic", "COBADEFFXXX")
                .param("bank", "Commerzbank")
                .session(admin)
                .with(csrf()));
        browser = Browser.start(true);

        assertThat(chooseMonthlyFiveDollars("card")).containsExactly("Card", "PayPal", "Bitcoin", "Bank transfer");
        arrivesElsewhere("/stripe/pay");
        paidByCard(newest("card"));

        chooseMonthlyFiveDollars("paypal");
        arrivesElsewhere("/paypal/approve");
        paidByPayPal(newest("paypal"));

        chooseMonthlyFiveDollars("crypto");
        arrivesElsewhere("/btcpay/i/INVRAILS");
        paidInCrypto(newest("crypto"));

        chooseMonthlyFiveDollars("bank");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().contains("/support/bank/"));
        String code = browser.findElement(By.id("bank-code")).getText();
        assertThat(browser.findElement(By.id("bank-iban")).getText()).isEqualTo("DE89 3704 0044 0532 0130 00");
        mvc.perform(MockMvcRequestBuilders.post("/newsroom/bank/received")
                .param("code", code)
                .session(admin)
                .with(csrf()));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(db.sql(
                                        "SELECT COUNT(*) FROM recurring_support WHERE status = 'ACTIVE' AND amount_minor = 500")
                                .query(Integer.class)
                                .single())
                        .isEqualTo(4));
        var revenue = Jsoup.parse(mvc.perform(MockMvcRequestBuilders.get("/newsroom/revenue")
                        .param("by", "day")
                        .param("currency", "USD")
                        .session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(revenue.select("#providers tbody tr").eachText())
                .containsExactlyInAnyOrder(
                        "Bank transfer $5.00 1",
                        "BTCPay Server (crypto) $5.00 1",
                        "PayPal $5.00 1",
                        "Stripe (cards) $5.00 1");
    }

    /** Under an article: Monthly, $5, the way to pay, Continue; the ways offered, as the reader sees them. */
    private java.util.List<String> chooseMonthlyFiveDollars(String method) {
        browser.get("http://127.0.0.1:" + port + "/");
        Browser.follow(browser, By.cssSelector("main a[href^='/en/']"));
        var appeal = browser.findElement(By.cssSelector(".appeal-slot"));
        appeal.findElement(By.cssSelector("label[for=give-monthly]")).click();
        appeal.findElement(By.cssSelector("label[for=give-USD-monthly-500]")).click();
        var offered = appeal.findElements(By.cssSelector(".pay-methods label")).stream()
                .map(WebElement::getText)
                .toList();
        appeal.findElement(By.cssSelector("label[for=give-pay-" + method + "]")).click();
        appeal.findElement(By.cssSelector(".give-continue")).click();
        return offered;
    }

    private void arrivesElsewhere(String path) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().startsWith(providers.baseUrl() + path));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Stand-in");
    }

    private String newest(String method) {
        return db.sql("""
                        SELECT reference FROM checkout WHERE method = :method
                        ORDER BY created_at DESC, reference DESC FETCH FIRST 1 ROWS ONLY
                        """).param("method", method).query(String.class).single();
    }

    private void paidByCard(String checkout) throws Exception {
        long now = Instant.now().getEpochSecond();
        String subscription = "sub_" + checkout.substring(0, 8);
        stripeEvent("evt_a_" + checkout, "checkout.session.completed", now, """
                {"id": "cs_%s", "object": "checkout.session", "mode": "subscription", "payment_status": "paid",
                 "client_reference_id": "%s", "subscription": "%s",
                 "customer_details": {"email": "card-%s@example.org"}, "metadata": {"checkout": "%s"}}
                """.formatted(
                        checkout, checkout, subscription, checkout, checkout));
        stripeEvent("evt_b_" + checkout, "invoice.paid", now, """
                {"id": "in_%s", "object": "invoice", "billing_reason": "subscription_create", "amount_paid": 500,
                 "currency": "usd",
                 "parent": {"type": "subscription_details",
                            "subscription_details": {"subscription": "%s", "metadata": {"checkout": "%s"}}}}
                """.formatted(checkout, subscription, checkout));
    }

    private void stripeEvent(String id, String type, long created, String object) throws Exception {
        String body = """
                {"id": "%s", "object": "event", "api_version": "%s", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "type": "%s", "data": {"object": %s}}
                """.formatted(id, Stripe.API_VERSION, created, type, object);
        long at = Instant.now().getEpochSecond();
        deliver(
                "/support/webhooks/stripe",
                body,
                "Stripe-Signature",
                "t=" + at + ",v1=" + hmac(STRIPE_SECRET, at + "." + body));
    }

    private void paidByPayPal(String checkout) throws Exception {
        String subscription = "I-" + checkout.substring(0, 8).toUpperCase();
        String resource = """
                {"id": "%s", "status": "ACTIVE", "custom_id": "%s", "subscriber": {"email_address": "paypal-%s@example.org"},
                 "billing_info": {"next_billing_time": "2027-01-01T10:00:00Z"}}
                """.formatted(subscription, checkout, checkout);
        providers.stubFor(
                get(urlEqualTo("/v1/billing/subscriptions/" + subscription)).willReturn(json(resource)));
        paypalEvent("BILLING.SUBSCRIPTION.ACTIVATED", resource);
        paypalEvent("PAYMENT.SALE.COMPLETED", """
                {"id": "SALE-%s", "state": "completed", "amount": {"total": "5.00", "currency": "USD"},
                 "billing_agreement_id": "%s"}
                """.formatted(subscription, subscription));
    }

    private void paypalEvent(String type, String resource) throws Exception {
        String body = """
                {"id": "WH-%s", "event_version": "1.0", "create_time": "%s", "event_type": "%s", "resource": %s}
                """.formatted(UUID.randomUUID(), Instant.now().minusSeconds(5), type, resource.strip());
        deliver(
                "/support/webhooks/paypal",
                body,
                "PAYPAL-TRANSMISSION-ID",
                UUID.randomUUID().toString(),
                "PAYPAL-TRANSMISSION-TIME",
                Instant.now().toString(),
                "PAYPAL-TRANSMISSION-SIG",
                "c2lnbmVkIGJ5IHBheXBhbA==",
                "PAYPAL-CERT-URL",
                "https://api.paypal.com/v1/notifications/certs/CERT-rails",
                "PAYPAL-AUTH-ALGO",
                "SHA256withRSA");
    }

    private void paidInCrypto(String checkout) throws Exception {
        providers.stubFor(get(urlEqualTo("/api/v1/stores/StoreRails/invoices/INVRAILS"))
                .willReturn(json("""
                        {"id": "INVRAILS", "amount": "5.00", "currency": "USD", "status": "Settled",
                         "additionalStatus": "None",
                         "metadata": {"checkout": "%s", "period": 1, "buyerEmail": "crypto-%s@example.org"}}
                        """.formatted(checkout, checkout))));
        String body = """
                {"deliveryId": "DelRails", "webhookId": "WhRails", "originalDeliveryId": "DelRails",
                 "isRedelivery": false, "type": "InvoiceSettled", "timestamp": %d, "storeId": "StoreRails",
                 "invoiceId": "INVRAILS", "overPaid": false}
                """.formatted(Instant.now().getEpochSecond());
        deliver("/support/webhooks/btcpay", body, "BTCPay-Sig", "sha256=" + hmac(BTCPAY_SECRET, body));
    }

    private void deliver(String path, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(path + " answered " + response.body())
                .isEqualTo(200);
    }

    private void standIns() {
        providers.resetAll();
        String page = "<!doctype html><title>Stand-in</title><h1>Stand-in</h1>";
        for (String path : new String[] {"/stripe/pay", "/paypal/approve", "/btcpay/i/INVRAILS"}) {
            providers.stubFor(get(urlPathMatching(path + ".*"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "text/html; charset=utf-8")
                            .withBody(page)));
        }
        providers.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .willReturn(json("{\"id\": \"cs_rails\", \"object\": \"checkout.session\", \"url\": \"%s/stripe/pay\"}"
                        .formatted(providers.baseUrl()))));
        providers.stubFor(post(urlEqualTo("/v1/oauth2/token"))
                .willReturn(json("{\"access_token\": \"A21-rails\", \"expires_in\": 32400}")));
        providers.stubFor(post(urlEqualTo("/v1/catalogs/products")).willReturn(json("{\"id\": \"PROD-RAILS\"}")));
        providers.stubFor(post(urlEqualTo("/v1/billing/plans")).willReturn(json("{\"id\": \"P-RAILS\"}")));
        providers.stubFor(
                post(urlEqualTo("/v1/billing/subscriptions")).willReturn(json("""
                        {"id": "I-PENDING", "status": "APPROVAL_PENDING",
                         "links": [{"href": "%s/paypal/approve?ba_token=BA-1", "rel": "approve"}]}
                        """.formatted(providers.baseUrl()))));
        providers.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .willReturn(json("{\"verification_status\": \"SUCCESS\"}")));
        providers.stubFor(post(urlEqualTo("/api/v1/stores/StoreRails/invoices"))
                .willReturn(
                        json("{\"id\": \"INVRAILS\", \"status\": \"New\", \"checkoutLink\": \"%s/btcpay/i/INVRAILS\"}"
                                .formatted(providers.baseUrl()))));
    }

    private MockHttpSession signInAsAdmin() throws Exception {
        String email = "admin-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Admin", Role.ADMIN, "correct horse battery", false);
        return NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }

    private static String hmac(String secret, String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
