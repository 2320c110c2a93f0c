package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;

/**
 * The welcome mail through a real SMTP server (GreenMail): sent once a subscription begins, in the
 * reader's language, never twice to the same reader for the same newsletter, and written by the
 * editors on the newsletter desk.
 */
@SpringBootTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=3025",
            "tamizdat.site.url=https://news.example",
            "tamizdat.newsletter.signups-per-minute-per-network=1000"
        })
@AutoConfigureMockMvc
class WelcomeMailTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final Pattern CONFIRM =
            Pattern.compile("https://news\\.example/newsletter/confirm\\?token=([A-Za-z0-9_.-]+)");
    private static final Pattern PREFERENCES =
            Pattern.compile("https://news\\.example/newsletter/preferences\\?token=([A-Za-z0-9_.-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    Newsletters newsletters;

    @Autowired
    Signups signups;

    @Autowired
    StaffAccounts staff;

    Newsletter weekly() {
        return newsletters.all().getFirst();
    }

    List<MimeMessage> mailsTo(String email) {
        return List.of(smtp.getReceivedMessagesForDomain(email));
    }

    /** Signs up as a reader of {@code language} would, and confirms from the mailed link. */
    void signUpAndConfirm(String email, Language language) throws Exception {
        signups.signUp(new Signups.Signup(email, Set.of(weekly()), language, "/newsletter"));
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 1);
        var link = CONFIRM.matcher(text(mailsTo(email).getFirst()));
        assertThat(link.find()).as("a confirmation link").isTrue();
        confirm(link.group(1));
    }

    void confirm(String token) throws Exception {
        mvc.perform(post("/newsletter/confirm").param("token", token));
    }

    MimeMessage welcomeTo(String email) {
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 2);
        return mailsTo(email).get(1);
    }

    /** The mail's plain-text part, decoded. */
    static String text(MimeMessage mail) throws Exception {
        return part(mail, "text/plain");
    }

    static String part(MimeMessage mail, String type) throws Exception {
        if (mail.getContent() instanceof jakarta.mail.Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType(type)) {
                    return (String) parts.getBodyPart(i).getContent();
                }
            }
            throw new AssertionError("no " + type + " part");
        }
        return (String) mail.getContent();
    }

    @Test
    void aConfirmedReaderIsWelcomedOnceWithTheirOwnLinks() throws Exception {
        String email = "welcome-" + UUID.randomUUID() + "@example.org";

        signUpAndConfirm(email, Language.EN);

        var welcome = welcomeTo(email);
        assertThat(welcome.getSubject()).isEqualTo("Welcome to The Week");
        assertThat(welcome.getFrom()[0].toString()).contains(weekly().senderAddress());
        assertThat(welcome.getHeader("List-Unsubscribe")[0])
                .contains("https://news.example/newsletter/unsubscribe?token=");
        String body = text(welcome);
        assertThat(body).contains("Thank you for subscribing");
        assertThat(body).contains("/newsletter/preferences?token=");

        // the link pressed again, the address signed up again: nothing more
        var again = CONFIRM.matcher(text(mailsTo(email).getFirst()));
        assertThat(again.find()).isTrue();
        confirm(again.group(1));
        signups.signUp(new Signups.Signup(email, Set.of(weekly()), Language.EN, "/newsletter"));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo(email).size() == 2);
    }

    @Test
    void aReaderWhoLeavesAndComesBackIsNotWelcomedAgainButIsToANewsletterTheyAdd() throws Exception {
        String email = "returning-" + UUID.randomUUID() + "@example.org";
        long digest = db.sql("""
                        INSERT INTO newsletter (slug, name, description, sender_name, sender_address, slot_day,
                                                slot_time, slot_zone, position)
                        VALUES (:slug, 'The Digest', 'Daily.', 'The Digest', 'digest@news.example', 'MONDAY',
                                '07:00', 'UTC', 9)
                        """)
                                .param(
                                        "slug",
                                        "digest-" + UUID.randomUUID().toString().substring(0, 8))
                                .update()
                        > 0
                ? db.sql("SELECT MAX(id) FROM newsletter").query(Long.class).single()
                : -1;
        db.sql("""
                        INSERT INTO newsletter_welcome (newsletter_id, language, subject, body, updated_at)
                        VALUES (:id, 'en', 'Welcome to The Digest', 'Every morning, the news.', CURRENT_TIMESTAMP)
                        """).param("id", digest).update();
        newsletters.forget();
        signUpAndConfirm(email, Language.EN);
        var preferences = PREFERENCES.matcher(text(welcomeTo(email)));
        assertThat(preferences.find()).isTrue();
        String token = preferences.group(1);

        // away from everything, then back to The Week and on to The Digest
        mvc.perform(post("/newsletter/preferences").param("token", token));
        mvc.perform(post("/newsletter/preferences")
                .param("token", token)
                .param("newsletter", Long.toString(weekly().id()))
                .param("newsletter", Long.toString(digest)));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 3);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo(email).size() == 3);
        assertThat(mailsTo(email).get(2).getSubject()).isEqualTo("Welcome to The Digest");
    }

    @Test
    void aRussianReaderIsWelcomedInRussian() throws Exception {
        String email = "ru-" + UUID.randomUUID() + "@example.org";

        signUpAndConfirm(email, Language.RU);

        var welcome = welcomeTo(email);
        assertThat(welcome.getSubject()).isEqualTo("Добро пожаловать в «Неделю»");
        assertThat(text(welcome)).contains("Спасибо за подписку").contains("Отписаться");
    }

    @Test
    void editorsRewriteTheWelcomeOrSendNoneAndTryItOnThemselves() throws Exception {
        String editorEmail = "welcome-editor-" + UUID.randomUUID() + "@example.org";
        staff.create(editorEmail, "Welcome editor", Role.EDITOR, "correct horse battery", false);
        MockHttpSession session = NewsroomLogin.signIn(mvc, editorEmail, "correct horse battery");
        String page = "/newsroom/newsletters/" + weekly().id() + "/welcome";
        var desk = Jsoup.parse(mvc.perform(get("/newsroom/newsletters").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(desk.select("a[href=" + page + "]")).hasSize(1);

        var refused = mvc.perform(post(page + "/en")
                        .session(session)
                        .with(csrf())
                        .param("subject", "")
                        .param("body", "A text kept as typed."))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(200);
        var form = Jsoup.parse(refused.getContentAsString());
        assertThat(form.select(".field-error").text()).contains("needs a subject");
        assertThat(form.select("#body-en").text()).isEqualTo("A text kept as typed.");
        assertThat(newsletterWelcome("en")).isEqualTo("Welcome to The Week");

        try {
            mvc.perform(post(page + "/en")
                    .session(session)
                    .with(csrf())
                    .param("subject", "Hello,\r\nBcc: everyone@example.org")
                    .param("body", "You are **in**."));
            assertThat(newsletterWelcome("en")).isEqualTo("Hello, Bcc: everyone@example.org");
            mvc.perform(post(page + "/en/test").session(session).with(csrf()));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mailsTo(editorEmail).size() == 1);
            var test = mailsTo(editorEmail).getFirst();
            assertThat(test.getSubject()).isEqualTo("Hello, Bcc: everyone@example.org");
            assertThat(test.getHeader("Bcc")).isNull();
            assertThat(part(test, "text/html")).contains("<strong>in</strong>");

            mvc.perform(post(page + "/en")
                    .session(session)
                    .with(csrf())
                    .param("subject", "")
                    .param("body", ""));
            assertThat(newsletterWelcome("en")).isNull();
            String reader = "unwelcomed-" + UUID.randomUUID() + "@example.org";
            signUpAndConfirm(reader, Language.EN);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> mailsTo(reader).size() == 1);
        } finally {
            restoreTheDefaultWelcome();
        }
    }

    String newsletterWelcome(String language) {
        return db.sql("SELECT subject FROM newsletter_welcome WHERE newsletter_id = :id AND language = :language")
                .param("id", weekly().id())
                .param("language", language)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    void restoreTheDefaultWelcome() {
        db.sql("DELETE FROM newsletter_welcome WHERE newsletter_id = :id AND language = 'en'")
                .param("id", weekly().id())
                .update();
        db.sql("""
                        INSERT INTO newsletter_welcome (newsletter_id, language, subject, body, updated_at)
                        VALUES (:id, 'en', 'Welcome to The Week', 'Thank you for subscribing.', CURRENT_TIMESTAMP)
                        """).param("id", weekly().id()).update();
    }
}
