package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.publishing.StandingPages;

/**
 * Double opt-in through a real SMTP server (GreenMail): signing up, the confirmation mail, the page
 * behind its link, and what is stored — and what happens to bad input and repeated signups.
 */
@SpringBootTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=3025",
            "tamizdat.site.url=https://news.example",
            "tamizdat.newsletter.signups-per-minute-per-network=1000"
        })
@AutoConfigureMockMvc
class NewsletterSignupTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final Pattern LINK =
            Pattern.compile("https://news\\.example(/newsletter/confirm\\?token=[A-Za-z0-9_.-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    Newsletters newsletters;

    @Autowired
    SignedTokens tokens;

    @Autowired
    StandingPages pages;

    @Autowired
    Signups signups;

    long weekly() {
        return newsletters.all().getFirst().id();
    }

    MockHttpServletResponse signUp(String email, String source) throws Exception {
        return mvc.perform(post("/newsletter")
                        .param("email", email)
                        .param("newsletter", Long.toString(weekly()))
                        .param("source", source))
                .andReturn()
                .getResponse();
    }

    MimeMessage onlyMailTo(String email) {
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 1);
        return mailsTo(email).getFirst();
    }

    List<MimeMessage> mailsTo(String email) {
        return List.of(smtp.getReceivedMessagesForDomain(email));
    }

    String status(String email) {
        return db.sql("SELECT status FROM subscriber WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .optional()
                .orElse("NONE");
    }

    String subscription(String email) {
        return db.sql("""
                        SELECT s.status FROM subscription s JOIN subscriber r ON r.id = s.subscriber_id
                        WHERE r.email = :email AND s.newsletter_id = :newsletter
                        """)
                .param("email", email)
                .param("newsletter", weekly())
                .query(String.class)
                .optional()
                .orElse("NONE");
    }

    @Test
    void confirmingFromTheMailedLinkStartsTheSubscription() throws Exception {
        var response = signUp("Reader@Example.org", "/en/some-article");

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/newsletter/check-your-inbox");
        var mail = onlyMailTo("reader@example.org");
        assertThat(mail.getSubject()).contains("The Week");
        var link = LINK.matcher((String) mail.getContent());
        assertThat(link.find()).as("a confirmation link in the mail").isTrue();
        assertThat(status("reader@example.org")).isEqualTo("PENDING");

        var page = mvc.perform(get(link.group(1))).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Cache-Control")).contains("no-store");
        var form = Jsoup.parse(page.getContentAsString()).selectFirst("form[method=post][action=/newsletter/confirm]");
        assertThat(form).isNotNull();
        assertThat(status("reader@example.org"))
                .as("opening the link changes nothing")
                .isEqualTo("PENDING");

        String token = form.selectFirst("input[name=token]").attr("value");
        var confirmed = mvc.perform(post("/newsletter/confirm").param("token", token))
                .andReturn()
                .getResponse();
        assertThat(confirmed.getStatus()).isEqualTo(200);
        assertThat(confirmed.getContentAsString()).contains("The Week");
        assertThat(status("reader@example.org")).isEqualTo("CONFIRMED");
        assertThat(subscription("reader@example.org")).isEqualTo("ACTIVE");
    }

    @Test
    void consentRecordsThePolicyVersionTheTimeAndThePageAndNoAddress() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        signUp("consent@example.org", "/en/an-article-with-the-block");

        var consent = db.sql("""
                        SELECT c.policy_version, c.given_at, c.source, c.newsletters FROM consent c
                        JOIN subscriber s ON s.id = c.subscriber_id WHERE s.email = 'consent@example.org'
                        """).query().singleRow();
        assertThat(consent.get("policy_version")).isEqualTo(pages.privacyPolicyVersion(Language.EN));
        assertThat(consent.get("source")).isEqualTo("/en/an-article-with-the-block");
        assertThat(consent.get("newsletters")).isEqualTo("weekly");
        var givenAt = db.sql("""
                        SELECT c.given_at FROM consent c JOIN subscriber s ON s.id = c.subscriber_id
                        WHERE s.email = 'consent@example.org'
                        """)
                .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class))
                .single();
        assertThat(givenAt.toInstant()).isAfterOrEqualTo(before);
        var columns = db.sql("""
                        SELECT LOWER(column_name) FROM information_schema.columns
                        WHERE LOWER(table_name) IN ('subscriber', 'subscription', 'consent')
                        """).query(String.class).list();
        assertThat(columns).noneMatch(c -> c.contains("ip") || c.contains("remote") || c.contains("agent"));
    }

    @Test
    void signingUpAgainGivesTheSameAnswerAndAtMostOneMail() throws Exception {
        var first = signUp("twice@example.org", "/newsletter");
        onlyMailTo("twice@example.org");
        var second = signUp("twice@example.org", "/newsletter");

        assertThat(second.getStatus()).isEqualTo(first.getStatus());
        assertThat(second.getRedirectedUrl()).isEqualTo(first.getRedirectedUrl());
        assertThat(second.getContentAsString()).isEqualTo(first.getContentAsString());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(15))
                .until(() -> mailsTo("twice@example.org").size() == 1);
    }

    @Test
    void aConfirmedSubscriberSigningUpAgainIsToldTheSameAndGetsNoMail() throws Exception {
        signUp("loyal@example.org", "/newsletter");
        var link = LINK.matcher((String) onlyMailTo("loyal@example.org").getContent());
        assertThat(link.find()).isTrue();
        String token = link.group(1).substring(link.group(1).indexOf('=') + 1);
        mvc.perform(post("/newsletter/confirm").param("token", token));
        // the confirmation, then the welcome
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo("loyal@example.org").size() == 2);

        var again = signUp("loyal@example.org", "/newsletter");

        assertThat(again.getRedirectedUrl()).isEqualTo("/newsletter/check-your-inbox");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(15))
                .until(() -> mailsTo("loyal@example.org").size() == 2);
        assertThat(subscription("loyal@example.org")).isEqualTo("ACTIVE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "no-at-sign",
                "two@@example.org",
                "no-dot@localhost",
                "space in@example.org",
                "Reader <reader@example.org>",
                "reader@example.org\r\nBcc: victim@example.org",
                "reader@example.org,other@example.org",
                "\"quoted\"@example.org"
            })
    void refusesAMalformedAddressKeepingWhatWasTyped(String email) throws Exception {
        var response = signUp(email, "/newsletter");

        assertThat(response.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(response.getContentAsString());
        assertThat(page.select(".problems").text()).contains("Enter an email address");
        // as typed, less the CR of a line end: no form field keeps a control character
        assertThat(page.selectFirst("input[name=email]").attr("value")).isEqualTo(email.replace("\r\n", "\n"));
        assertThat(db.sql("SELECT COUNT(*) FROM subscriber")
                        .query(Integer.class)
                        .single())
                .isEqualTo(db.sql("SELECT COUNT(*) FROM subscriber WHERE email LIKE '%@example.org'")
                        .query(Integer.class)
                        .single());
    }

    @Test
    void refusesAHugeInputWithAClearMessage() throws Exception {
        String huge = "a".repeat(100_000) + "@example.org";

        var response = signUp(huge, "/" + "x".repeat(10_000));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(response.getContentAsString())
                        .select(".problems")
                        .text())
                .contains("Enter an email address");
        assertThat(status(huge.toLowerCase())).isEqualTo("NONE");
    }

    @Test
    void asksForANewsletterWhenNoneIsChosen() throws Exception {
        var response = mvc.perform(post("/newsletter").param("email", "choosy@example.org"))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(response.getContentAsString())
                        .select(".problems")
                        .text())
                .contains("Choose at least one newsletter");
        assertThat(status("choosy@example.org")).isEqualTo("NONE");
    }

    @Test
    void aTamperedOrExpiredLinkConfirmsNothingAndSaysSo() throws Exception {
        signUp("late@example.org", "/newsletter");
        onlyMailTo("late@example.org");
        long id = db.sql("SELECT id FROM subscriber WHERE email = 'late@example.org'")
                .query(Long.class)
                .single();
        String expired =
                tokens.sign(Signups.CONFIRM, Long.toString(id), Instant.now().minusSeconds(1));
        String otherPurpose =
                tokens.sign("unsubscribe", Long.toString(id), Instant.now().plusSeconds(600));
        String valid = signups.confirmationToken(id);
        String tampered = valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA");

        for (String token : List.of(expired, otherPurpose, tampered, "not-a-token")) {
            var page = mvc.perform(get("/newsletter/confirm").param("token", token))
                    .andReturn()
                    .getResponse();
            assertThat(page.getStatus()).as(token).isEqualTo(404);
            assertThat(page.getContentAsString()).contains("This link has expired or has already been used");
            var post = mvc.perform(post("/newsletter/confirm").param("token", token))
                    .andReturn()
                    .getResponse();
            assertThat(post.getStatus()).as(token).isEqualTo(404);
        }
        assertThat(status("late@example.org")).isEqualTo("PENDING");
    }

    @Test
    void forgetsAddressesNotConfirmedWithinSevenDays() throws Exception {
        signUp("forgotten@example.org", "/newsletter");
        signUp("recent@example.org", "/newsletter");
        onlyMailTo("forgotten@example.org");
        onlyMailTo("recent@example.org");
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        db.sql("UPDATE subscriber SET created_at = :t, last_mailed_at = :t WHERE email = 'forgotten@example.org'")
                .param("t", eightDaysAgo.atOffset(java.time.ZoneOffset.UTC))
                .update();

        signups.purgeUnconfirmed();

        assertThat(status("forgotten@example.org")).isEqualTo("NONE");
        assertThat(db.sql(
                                "SELECT COUNT(*) FROM consent c LEFT JOIN subscriber s ON s.id = c.subscriber_id WHERE s.id IS NULL")
                        .query(Integer.class)
                        .single())
                .as("no consent outlives its address")
                .isZero();
        assertThat(status("recent@example.org")).isEqualTo("PENDING");
    }
}
