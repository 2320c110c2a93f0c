package press.tamizdat.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
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
import press.tamizdat.NewsroomLogin;
import press.tamizdat.TestOutbox;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.TamizdatSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BTCPay Server through our Greenfield calls against a WireMock server standing in for it: the
 * invoices we open, asserted against the API's documented shape; the webhook, each delivery
 * signed as BTCPay signs it ({@code BTCPay-Sig: sha256=} HMAC of the body), repeated, redelivered
 * and refused when forged; partial and late payments noted for the newsroom; and monthly support
 * renewed by a mailed link to a fresh invoice.
 */
@SpringBootTest(
        properties = {
            "tamizdat.site.name=Tamizdat",
            "tamizdat.support.btcpay.api-key=" + BtcPayTests.KEY,
            "tamizdat.support.btcpay.store-id=" + BtcPayTests.STORE,
            "tamizdat.support.btcpay.webhook-secret=" + BtcPayTests.SECRET,
            "tamizdat.support.btcpay.renewals-every=1000d"
        })
@AutoConfigureMockMvc
class BtcPayTests {

    static final String KEY = "b7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9";
    static final String STORE = "7eLhHxZbFxJ1mFhTW1N9pQbh3kuHzgCjW5Kh3Yj2Y3Cs";
    static final String SECRET = "3k3Y8ZzfmLrGWb9Q";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RENEW = Pattern.compile("http://localhost:8080(/support/renew/\\S+)");
    private static final String INVOICES = "/api/v1/stores/" + STORE + "/invoices";

    static final WireMockServer btcpay = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        btcpay.start();
    }

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry properties) {
        properties.add("tamizdat.support.btcpay.url", btcpay::baseUrl);
    }

    @AfterAll
    static void stop() {
        btcpay.stop();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    TamizdatSettings settings;

    @Autowired
    CryptoRenewals renewals;

    @Autowired
    StaffAccounts staff;

    @BeforeEach
    void server() {
        btcpay.resetAll();
        btcpay.stubFor(post(urlEqualTo(INVOICES)).willReturn(json("""
                        {"id": "NEWINVOICE", "status": "New", "checkoutLink": "%s/i/NEWINVOICE"}
                        """.formatted(btcpay.baseUrl()))));
    }

    @Test
    void aOneTimeGiftOpensAnInvoiceNamingOurCheckoutAndSendsTheReaderToIt() throws Exception {
        var response = proceed("once", "15", "USD");

        assertThat(response.getRedirectedUrl()).isEqualTo(btcpay.baseUrl() + "/i/NEWINVOICE");
        String checkout = checkoutFor(1500);
        var request = btcpay.findAll(postRequestedFor(urlEqualTo(INVOICES))).getFirst();
        assertThat(request.getHeader("Authorization")).isEqualTo("token " + KEY);
        JsonNode invoice = JSON.readTree(request.getBodyAsString());
        assertThat(invoice.path("amount").asString()).isEqualTo("15.00");
        assertThat(invoice.path("currency").asString()).isEqualTo("USD");
        assertThat(invoice.path("metadata").path("orderId").asString()).isEqualTo(checkout);
        assertThat(invoice.path("metadata").path("checkout").asString()).isEqualTo(checkout);
        assertThat(invoice.path("checkout").path("redirectURL").asString())
                .isEqualTo("http://localhost:8080/support/thanks");
        assertThat(invoice.path("checkout").path("requiresRefundEmail").asBoolean())
                .as("a one-time gift asks for no address")
                .isFalse();
    }

    @Test
    void aSettledInvoiceIsOneContributionWhateverIsDeliveredAgain() throws Exception {
        proceed("once", "16", "USD");
        String checkout = checkoutFor(1600);
        String invoice = invoiceAtServer(checkout, 1, "16.00", "crypto-" + shortId() + "@example.org", "None");
        String first = delivery("InvoiceSettled", invoice, null, "");

        assertThat(deliver(first).getStatus()).isEqualTo(200);
        assertThat(deliver(first).getStatus()).isEqualTo(200);
        assertThat(deliver(delivery("InvoiceSettled", invoice, idOf(first), "")).getStatus())
                .as("a redelivery")
                .isEqualTo(200);
        assertThat(deliver(delivery("InvoiceSettled", invoice, null, "")).getStatus())
                .as("another delivery about the same invoice")
                .isEqualTo(200);

        assertThat(count("SELECT COUNT(*) FROM contribution WHERE provider = 'btcpay' AND provider_reference = '"
                        + invoice + "' AND amount_minor = 1600 AND status = 'PAID'"))
                .isOne();
        assertThat(status(checkout)).isEqualTo("COMPLETED");
    }

    @Test
    void theStoresOtherInvoicesAreLeftAlone() throws Exception {
        btcpay.stubFor(get(urlEqualTo(INVOICES + "/POSINVOICE")).willReturn(json("""
                        {"id": "POSINVOICE", "amount": "0.0001", "currency": "BTC", "status": "Settled",
                         "metadata": {"orderId": "pos-17", "itemDesc": "Coffee"}}
                        """)));
        proceed("once", "14", "USD");
        String checkout = checkoutFor(1400);
        String inBitcoin = invoiceAtServer(checkout, 1, "0.0001", "", "None");
        btcpay.stubFor(
                get(urlEqualTo(INVOICES + "/" + inBitcoin)).willReturn(json("""
                        {"id": "%s", "amount": "0.0001", "currency": "BTC", "status": "Settled",
                         "metadata": {"checkout": "%s", "period": 1}}
                        """.formatted(inBitcoin, checkout))));

        assertThat(deliver(delivery("InvoiceSettled", "POSINVOICE", null, "")).getStatus())
                .isEqualTo(200);
        assertThat(deliver(delivery("InvoiceSettled", inBitcoin, null, "")).getStatus())
                .isEqualTo(200);

        assertThat(count(
                        "SELECT COUNT(*) FROM contribution WHERE provider = 'btcpay' AND provider_reference IN ('POSINVOICE', '"
                                + inBitcoin + "')"))
                .isZero();
    }

    @Test
    void aForgedDeliveryChangesNothing() throws Exception {
        proceed("once", "17", "USD");
        String checkout = checkoutFor(1700);
        String invoice = invoiceAtServer(checkout, 1, "17.00", "", "None");
        String event = delivery("InvoiceSettled", invoice, null, "");

        var answer = mvc.perform(MockMvcRequestBuilders.post("/support/webhooks/btcpay")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(event)
                        .header("BTCPay-Sig", "sha256=" + hmac("another secret", event)))
                .andReturn()
                .getResponse();

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout + "'"))
                .isZero();
    }

    @Test
    void partialAndLatePaymentsAreNotedForTheNewsroomAndRecordNothing() throws Exception {
        proceed("once", "18", "USD");
        String checkout = checkoutFor(1800);
        String invoice = invoiceAtServer(checkout, 1, "18.00", "", "PaidPartial");

        deliver(delivery("InvoiceExpired", invoice, null, ", \"partiallyPaid\": true"));
        deliver(delivery("InvoiceReceivedPayment", invoice, null, ", \"afterExpiration\": true"));

        assertThat(db.sql(
                                "SELECT kind FROM payment_note WHERE provider = 'btcpay' AND reference = :invoice ORDER BY kind")
                        .param("invoice", invoice)
                        .query(String.class)
                        .list())
                .containsExactly("LATE", "PARTIAL");
        assertThat(count("SELECT COUNT(*) FROM contribution WHERE checkout_reference = '" + checkout + "'"))
                .isZero();
        assertThat(status(checkout)).isEqualTo("CANCELLED");
        String email = "admin-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Admin", Role.ADMIN, "correct horse battery", false);
        var revenue = org.jsoup.Jsoup.parse(mvc.perform(MockMvcRequestBuilders.get("/newsroom/revenue")
                        .session(NewsroomLogin.signIn(mvc, email, "correct horse battery")))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(revenue.select("#payment-notes tr:contains(" + invoice + ")").eachText())
                .anySatisfy(row -> assertThat(row).contains("Paid in part; the invoice expired"))
                .anySatisfy(row -> assertThat(row).contains("Paid after the invoice expired"));
    }

    @Test
    void monthlyCryptoSupportIsRenewedByAMailedLinkToAFreshInvoiceUntilCancelled() throws Exception {
        proceed("monthly", "19", "USD");
        String checkout = checkoutFor(1900);
        String email = "monthly-crypto-" + shortId() + "@example.org";
        String first = invoiceAtServer(checkout, 1, "19.00", email, "None");
        deliver(delivery("InvoiceSettled", first, null, ""));
        long recurring = db.sql(
                        "SELECT id FROM recurring_support WHERE checkout_reference = :checkout AND status = 'ACTIVE'")
                .param("checkout", checkout)
                .query(Long.class)
                .single();
        assertThat(JSON.readTree(btcpay.findAll(postRequestedFor(urlEqualTo(INVOICES)))
                                .getFirst()
                                .getBodyAsString())
                        .path("checkout")
                        .path("requiresRefundEmail")
                        .asBoolean())
                .as("the supporter is asked for an address for the next period's link")
                .isTrue();

        // a month on
        db.sql("UPDATE recurring_support SET next_charge_at = :past WHERE id = :id")
                .param("past", java.time.OffsetDateTime.now().minusMinutes(1))
                .param("id", recurring)
                .update();
        renewals.askDue();
        renewals.askDue();

        var outbox = new TestOutbox(settings);
        var mail = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(
                        () -> outbox.to(email).stream()
                                .filter(m -> TestOutbox.text(m).contains("/support/renew/"))
                                .toList(),
                        list -> !list.isEmpty());
        assertThat(mail).as("asked once for the period").hasSize(1);
        var link = RENEW.matcher(TestOutbox.text(mail.getFirst()));
        assertThat(link.find()).isTrue();
        btcpay.resetRequests();
        var opened = mvc.perform(MockMvcRequestBuilders.get(link.group(1)))
                .andReturn()
                .getResponse();

        assertThat(opened.getRedirectedUrl()).isEqualTo(btcpay.baseUrl() + "/i/NEWINVOICE");
        JsonNode renewal = JSON.readTree(btcpay.findAll(postRequestedFor(urlEqualTo(INVOICES)))
                .getFirst()
                .getBodyAsString());
        assertThat(renewal.path("metadata").path("checkout").asString()).isEqualTo(checkout);
        assertThat(renewal.path("metadata").path("period").asInt()).isEqualTo(2);
        assertThat(renewal.path("amount").asString()).isEqualTo("19.00");

        String second = invoiceAtServer(checkout, 2, "19.00", email, "None");
        deliver(delivery("InvoiceSettled", second, null, ""));
        assertThat(db.sql("SELECT kind FROM contribution WHERE recurring_id = :id ORDER BY id")
                        .param("id", recurring)
                        .query(String.class)
                        .list())
                .containsExactly("FIRST", "RENEWAL");
        assertThat(db.sql("SELECT next_charge_at FROM recurring_support WHERE id = :id")
                        .param("id", recurring)
                        .query(java.time.OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isAfter(Instant.now().plus(java.time.Duration.ofDays(27)));

        // the supporter cancels from "Manage my support", through the link in their receipt
        var receipt = outbox.to(email).stream()
                .map(TestOutbox::text)
                .filter(text -> text.contains("/support/manage?token="))
                .findFirst()
                .orElseThrow();
        var manage = java.util.regex.Pattern.compile("http://localhost:8080(/support/manage\\?token=\\S+)")
                .matcher(receipt);
        assertThat(manage.find()).isTrue();
        var button = org.jsoup.Jsoup.parse(mvc.perform(MockMvcRequestBuilders.get(manage.group(1)))
                .andReturn()
                .getResponse()
                .getContentAsString());
        var own = org.jsoup.Jsoup.parse(mvc.perform(MockMvcRequestBuilders.post("/support/manage")
                        .param("token", button.select("input[name=token]").val()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        var cancelled = org.jsoup.Jsoup.parse(mvc.perform(MockMvcRequestBuilders.post("/support/manage/cancel")
                        .param("page", own.select("input[name=page]").first().val())
                        .param("id", Long.toString(recurring)))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(cancelled.text()).contains("$19.00, every month — cancelled");
        db.sql("UPDATE recurring_support SET next_charge_at = :past WHERE id = :id")
                .param("past", java.time.OffsetDateTime.now().minusMinutes(1))
                .param("id", recurring)
                .update();
        assertThat(renewals.askDue()).as("nothing is asked of ended support").isZero();
        btcpay.resetRequests();
        assertThat(mvc.perform(MockMvcRequestBuilders.get(link.group(1)))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .as("the old link opens the form")
                .isEqualTo("/support");
        assertThat(btcpay.findAll(postRequestedFor(urlEqualTo(INVOICES)))).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------

    private MockHttpServletResponse proceed(String frequency, String custom, String currency) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/support")
                        .param("frequency", frequency)
                        .param("custom", custom)
                        .param("currency", currency)
                        .param("method", "crypto")
                        .with(request -> {
                            request.setRemoteAddr("10.8." + (custom.hashCode() & 0xff) + ".1");
                            return request;
                        }))
                .andReturn()
                .getResponse();
    }

    /** An invoice as the server shows it, for a checkout's period. */
    private String invoiceAtServer(String checkout, int period, String amount, String email, String additional) {
        String id = "INV" + shortId();
        btcpay.stubFor(get(urlEqualTo(INVOICES + "/" + id)).willReturn(json("""
                        {"id": "%s", "storeId": "%s", "amount": "%s", "currency": "USD", "status": "Settled",
                         "additionalStatus": "%s", "checkoutLink": "%s/i/%s",
                         "metadata": {"orderId": "%s", "checkout": "%s", "period": %d, "buyerEmail": "%s"}}
                        """.formatted(
                        id, STORE, amount, additional, btcpay.baseUrl(), id, checkout, checkout, period, email))));
        return id;
    }

    private static String delivery(String type, String invoice, String original, String extra) {
        String id = "Del" + UUID.randomUUID().toString().replace("-", "");
        return """
                {"deliveryId": "%s", "webhookId": "Wh1", "originalDeliveryId": "%s", "isRedelivery": %s,
                 "type": "%s", "timestamp": %d, "storeId": "%s", "invoiceId": "%s"%s}
                """.formatted(
                        id,
                        original == null ? id : original,
                        original != null,
                        type,
                        Instant.now().getEpochSecond(),
                        STORE,
                        invoice,
                        extra);
    }

    private static String idOf(String delivery) {
        return JSON.readTree(delivery).path("deliveryId").asString();
    }

    private MockHttpServletResponse deliver(String event) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/support/webhooks/btcpay")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(event.getBytes(StandardCharsets.UTF_8))
                        .header("BTCPay-Sig", "sha256=" + hmac(SECRET, event)))
                .andReturn()
                .getResponse();
    }

    private static String hmac(String secret, String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private String checkoutFor(long minor) {
        return db.sql("""
                        SELECT reference FROM checkout WHERE amount_minor = :minor AND provider = 'btcpay'
                        ORDER BY created_at DESC, reference DESC FETCH FIRST 1 ROWS ONLY
                        """).param("minor", minor).query(String.class).single();
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

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
