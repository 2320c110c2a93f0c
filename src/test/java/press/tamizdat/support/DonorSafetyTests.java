package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.mail.internet.InternetAddress;
import java.util.UUID;
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
 * Giving that does not endanger the giver, over HTTP through the test mode: "send me no email"
 * keeps no address and mails nothing, and the receipt is shown once on the thank-you page with a
 * download; receipts to those who want them come under the neutral name the outlet set.
 */
@SpringBootTest(
        properties = {
            "tamizdat.site.name=Tamizdat",
            "tamizdat.support.discretion.receipt-name=Reading Circle",
            "tamizdat.support.discretion.payment-name=Reading Circle Ltd"
        })
@AutoConfigureMockMvc
class DonorSafetyTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    SealedEmails sealed;

    @Autowired
    TamizdatSettings settings;

    @Test
    void theFormOffersNoEmailAndKeepsTheChoiceWhenItComesBack() throws Exception {
        var form = page(mvc.perform(get("/support")).andReturn().getResponse().getContentAsString());
        var back = mvc.perform(post("/support")
                        .param("frequency", "once")
                        .param("custom", "0.5")
                        .param("currency", "USD")
                        .param("no-email", "yes"))
                .andReturn()
                .getResponse();

        assertThat(form.select("#give-no-email").attr("name")).isEqualTo("no-email");
        assertThat(form.select("label[for=give-no-email]").text()).isEqualTo("Send me no email at all");
        assertThat(back.getStatus()).isEqualTo(422);
        assertThat(page(back.getContentAsString()).select("#give-no-email").hasAttr("checked"))
                .isTrue();
    }

    @Test
    void noEmailKeepsNoAddressMailsNothingAndShowsTheReceiptOnce() throws Exception {
        String email = "quiet-" + UUID.randomUUID() + "@example.org";
        String checkout = mvc.perform(post("/support")
                        .param("frequency", "once")
                        .param("custom", "12")
                        .param("currency", "USD")
                        .param("no-email", "yes"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        String reference = checkout.substring(checkout.lastIndexOf('/') + 1);
        var waiting = page(mvc.perform(get("/support/thanks").param("checkout", reference))
                .andReturn()
                .getResponse()
                .getContentAsString());

        String thanks = mvc.perform(post(checkout).param("outcome", "succeed").param("email", email))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        var looked = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head(thanks))
                .andReturn()
                .getResponse();
        var shown = mvc.perform(get(thanks)).andReturn().getResponse();
        var again = page(mvc.perform(get(thanks)).andReturn().getResponse().getContentAsString());

        assertThat(waiting.select("#receipt-confirming").text()).contains("Your payment is being confirmed");
        assertThat(thanks).isEqualTo("/support/thanks?checkout=" + reference);
        assertThat(looked.getStatus()).as("a HEAD does not use up the showing").isEqualTo(200);
        assertThat(shown.getHeader("Cache-Control")).contains("no-store");
        var receipt = page(shown.getContentAsString());
        assertThat(receipt.select("#receipt-amount").text()).isEqualTo("$12.00, once");
        assertThat(receipt.select("#receipt-reference").text()).isEqualTo("test_pay_" + reference);
        assertThat(again.select("#receipt")).isEmpty();
        assertThat(again.text()).contains("Your receipt was shown once and is not shown again.");

        var download = mvc.perform(get(receipt.select("#receipt a[download]").attr("href")))
                .andReturn()
                .getResponse();
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(download.getContentAsString())
                .startsWith("Receipt from Reading Circle")
                .doesNotContain("Tamizdat")
                .contains("Amount: $12.00, once")
                .contains("Reference: test_pay_" + reference);

        assertThat(db.sql("SELECT COUNT(*) FROM supporter WHERE email_index = :index")
                        .param("index", sealed.index(email))
                        .query(Integer.class)
                        .single())
                .as("no address kept")
                .isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM contribution WHERE checkout_reference = :c AND supporter_id IS NULL")
                        .param("c", reference)
                        .query(Integer.class)
                        .single())
                .isOne();
        assertThat(new TestOutbox(settings).to(email)).as("nothing mailed").isEmpty();
    }

    @Test
    void receiptsComeUnderTheNeutralNameTheOutletSet() throws Exception {
        String email = "neutral-" + UUID.randomUUID() + "@example.org";
        String checkout = mvc.perform(post("/support")
                        .param("frequency", "once")
                        .param("custom", "13")
                        .param("currency", "USD"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(post(checkout).param("outcome", "succeed").param("email", email));

        var mail = new TestOutbox(settings).first(email);

        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Reading Circle");
        assertThat(mail.getSubject()).isEqualTo("Thank you for supporting Reading Circle: your receipt");
        assertThat(TestOutbox.text(mail)).doesNotContain("Tamizdat");
    }

    private static Document page(String html) {
        return Jsoup.parse(html);
    }
}
