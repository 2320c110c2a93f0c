package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;

/**
 * A supporter's own side, in test mode with mail to the outbox: the receipt and its link, the page
 * the link opens (once), cancelling, the data download and erasure, asking for a link without
 * learning whose address is known — and no supporter's address in the clear anywhere in the database.
 */
@SpringBootTest(properties = "tamizdat.site.name=Tamizdat")
@AutoConfigureMockMvc
class ManageSupportTests {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/support/manage\\?token=\\S+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    TamizdatSettings settings;

    @Test
    void aMonthlyPaymentMailsAWelcomeReceiptWithTheManageLink() throws Exception {
        String email = address();

        pay("monthly", "5", "USD", email);

        var receipt = mailTo(email);
        assertThat(receipt.getSubject()).isEqualTo("Welcome, and thank you for supporting Tamizdat");
        assertThat(text(receipt)).contains("Amount: $5.00, every month").containsPattern(LINK);
    }

    @Test
    void aOneTimeGiftMailsAThankYouReceipt() throws Exception {
        String email = address();

        pay("once", "30", "EUR", email);

        var receipt = mailTo(email);
        assertThat(receipt.getSubject()).isEqualTo("Thank you for supporting Tamizdat: your receipt");
        assertThat(text(receipt)).contains("Amount: €30.00, once");
    }

    @Test
    void theLinkOpensTheSupportersPageOnceAndCancelsRecurringSupport() throws Exception {
        String email = address();
        pay("monthly", "7", "USD", email);
        String link = linkIn(mailTo(email));

        var button = page(mvc.perform(get(link)).andReturn().getResponse().getContentAsString());
        String token =
                button.select("form[action=/support/manage] input[name=token]").val();
        var own = page(mvc.perform(post("/support/manage").param("token", token))
                .andReturn()
                .getResponse()
                .getContentAsString());
        var again = mvc.perform(post("/support/manage").param("token", token))
                .andReturn()
                .getResponse();

        assertThat(own.text()).contains("$7.00, every month — active").contains(email);
        assertThat(again.getStatus()).as("the link works once").isEqualTo(403);

        String pageToken = own.select("input[name=page]").first().val();
        String id =
                own.select("form[action=/support/manage/cancel] input[name=id]").val();
        var cancelled = page(mvc.perform(
                        post("/support/manage/cancel").param("page", pageToken).param("id", id))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(cancelled.select("[role=status]").text()).contains("cancelled");
        assertThat(cancelled.text()).contains("$7.00, every month — cancelled");
        assertThat(cancelled.select("form[action=/support/manage/cancel]")).isEmpty();
        assertThat(db.sql("SELECT status FROM recurring_support WHERE id = :id")
                        .param("id", Long.parseLong(id))
                        .query(String.class)
                        .single())
                .isEqualTo("CANCELLED");
    }

    @Test
    void theAmountChangesWithinTheCampaignsLimits() throws Exception {
        String email = address();
        pay("monthly", "8", "USD", email);
        var own = open(email);
        String pageToken = own.select("input[name=page]").first().val();
        String id =
                own.select("form[action=/support/manage/amount] input[name=id]").val();

        var tooSmall = mvc.perform(post("/support/manage/amount")
                        .param("page", pageToken)
                        .param("id", id)
                        .param("amount", "1"))
                .andReturn()
                .getResponse();
        var changed = page(mvc.perform(post("/support/manage/amount")
                        .param("page", pageToken)
                        .param("id", id)
                        .param("amount", "12"))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(tooSmall.getStatus()).isEqualTo(422);
        assertThat(page(tooSmall.getContentAsString()).select("[role=alert]").text())
                .isEqualTo("The smallest contribution is $2.00.");
        assertThat(changed.text()).contains("$12.00, every month — active");
    }

    @Test
    void theSupportersPageLeavesDownloadAndErasureToTheDataPage() throws Exception {
        String email = address();
        pay("annual", "40", "USD", email);
        var own = open(email);
        String pageToken = own.select("input[name=page]").first().val();

        var export = mvc.perform(post("/support/manage/export").param("page", pageToken))
                .andReturn()
                .getResponse();

        assertThat(own.select("a[href=/privacy/my-data]"))
                .as("in the text and in the footer")
                .hasSize(2);
        assertThat(own.select("form[action^=/support/manage/e]")).isEmpty();
        assertThat(export.getStatus()).isEqualTo(404);
    }

    @Test
    void askingForALinkAnswersTheSameForAnUnknownAddress() throws Exception {
        String known = address();
        pay("once", "9", "USD", known);
        mailTo(known);

        var forKnown = page(mvc.perform(post("/support/manage/link").param("email", known))
                .andReturn()
                .getResponse()
                .getContentAsString());
        var forUnknown = page(mvc.perform(post("/support/manage/link").param("email", address()))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(forKnown.select("main").text())
                .isEqualTo(forUnknown.select("main").text());
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(known).size() == 2);
        assertThat(mailsTo(known).get(1).getSubject()).isEqualTo("Your link to manage your support of Tamizdat");
    }

    @Test
    void theDatabaseHoldsNoSupportersAddressInTheClear() throws Exception {
        String email = "Plain.Text-" + UUID.randomUUID() + "@example.org";
        pay("monthly", "6", "USD", email);
        mailTo(email);

        var columns = db.sql("""
                        SELECT table_name, column_name FROM information_schema.columns
                        WHERE LOWER(table_schema) = LOWER(CURRENT_SCHEMA)
                          AND (UPPER(data_type) LIKE '%CHAR%' OR UPPER(data_type) IN ('TEXT', 'CLOB', 'CHARACTER LARGE OBJECT'))
                        """)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .list();
        assertThat(columns).extracting(c -> c.get(0).toLowerCase()).contains("supporter", "contribution", "checkout");
        for (var column : columns) {
            int found = db.sql("SELECT COUNT(*) FROM \"" + column.get(0) + "\" WHERE LOWER(CAST(\"" + column.get(1)
                            + "\" AS VARCHAR(100000))) LIKE :needle")
                    .param("needle", "%" + email.toLowerCase().substring(0, 20) + "%")
                    .query(Integer.class)
                    .single();
            assertThat(found).as(column.get(0) + "." + column.get(1)).isZero();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static String address() {
        return "supporter-" + UUID.randomUUID() + "@example.org";
    }

    private void pay(String frequency, String amount, String currency, String email) throws Exception {
        String checkout = mvc.perform(post("/support")
                        .param("frequency", frequency)
                        .param("custom", amount)
                        .param("currency", currency))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(checkout).startsWith("/support/test-checkout/");
        var paid = mvc.perform(post(checkout).param("outcome", "succeed").param("email", email))
                .andReturn()
                .getResponse();
        assertThat(paid.getRedirectedUrl()).isEqualTo("/support/thanks");
    }

    private Document open(String email) throws Exception {
        var button = page(mvc.perform(get(linkIn(mailTo(email))))
                .andReturn()
                .getResponse()
                .getContentAsString());
        return page(mvc.perform(post("/support/manage")
                        .param("token", button.select("input[name=token]").val()))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private static Document page(String html) {
        return Jsoup.parse(html);
    }

    private MimeMessage mailTo(String email) {
        return new TestOutbox(settings).first(email);
    }

    private List<MimeMessage> mailsTo(String email) {
        return new TestOutbox(settings).to(email);
    }

    private static String text(MimeMessage message) {
        return TestOutbox.text(message);
    }

    private static String linkIn(MimeMessage message) throws Exception {
        var matcher = LINK.matcher(text(message));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
