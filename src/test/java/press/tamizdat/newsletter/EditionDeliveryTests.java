package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * The whole way through real SMTP (GreenMail): readers sign up and confirm, an editor assembles an
 * edition in the newsroom and sends it, every confirmed reader gets one message with both parts and
 * the unsubscribe headers, and one click unsubscribes.
 */
@SpringBootTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=3025",
            "tamizdat.site.url=https://news.example",
            "tamizdat.newsletter.delivery.poll-interval=200ms"
        })
@AutoConfigureMockMvc
class EditionDeliveryTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final Pattern CONFIRM =
            Pattern.compile("https://news\\.example(/newsletter/confirm\\?token=[A-Za-z0-9_.-]+)");
    private static final Pattern UNSUBSCRIBE = Pattern.compile(
            "<(https://news\\.example/newsletter/unsubscribe\\?token=[A-Za-z0-9_.-]+)>, <mailto:[^>]+>");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    Newsletters newsletters;

    @Autowired
    StaffAccounts staff;

    @Autowired
    ApplicationContext context;

    void subscribeAndConfirm(String email) throws Exception {
        mvc.perform(post("/newsletter")
                .param("email", email)
                .param("newsletter", Long.toString(newsletters.all().getFirst().id())));
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessagesForDomain(email).length == 1);
        var link = CONFIRM.matcher((String) smtp.getReceivedMessagesForDomain(email)[0].getContent());
        assertThat(link.find()).isTrue();
        String token = link.group(1).substring(link.group(1).indexOf('=') + 1);
        mvc.perform(post("/newsletter/confirm").param("token", token));
    }

    List<MimeMessage> editionsTo(String email, String subject) throws Exception {
        return List.of(smtp.getReceivedMessagesForDomain(email)).stream()
                .filter(m -> {
                    try {
                        return subject.equals(m.getSubject());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    @Test
    void anEditorsEditionReachesEveryConfirmedReaderOnceAndOneClickUnsubscribes() throws Exception {
        var readers = List.of("ana@example.org", "boris@example.org", "chen@example.org");
        for (String reader : readers) {
            subscribeAndConfirm(reader);
        }
        mvc.perform(post("/newsletter")
                .param("email", "unconfirmed@example.org")
                .param("newsletter", Long.toString(newsletters.all().getFirst().id())));
        var articles = new TestArticles(context);
        long first = articles.publish(
                Language.EN, "Harbour strike enters its second week", "Dockers say they will not go back.", List.of());
        long second =
                articles.publish(Language.EN, "A library in exile", "Books cross the border in suitcases.", List.of());

        String email = "editor-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Editor", Role.EDITOR, "correct horse battery", false);
        MockHttpSession editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        long weekly = newsletters.all().getFirst().id();
        String location = mvc.perform(post("/newsroom/newsletters/" + weekly + "/editions")
                        .session(editor)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long edition = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(post(location + "/items")
                .session(editor)
                .with(csrf())
                .param("articleId", Long.toString(first))
                .param("heading", "News"));
        mvc.perform(post(location + "/items")
                .session(editor)
                .with(csrf())
                .param("articleId", Long.toString(second))
                .param("heading", "Features"));
        var page = Jsoup.parse(mvc.perform(get(location).session(editor))
                .andReturn()
                .getResponse()
                .getContentAsString());
        String version = page.selectFirst("input[name=version]").attr("value");
        var items = page.select("textarea[name^=teaser-]");
        assertThat(items).hasSize(2);
        mvc.perform(post(location)
                .session(editor)
                .with(csrf())
                .param("version", version)
                .param("subject", "The Week: strikes and libraries")
                .param("intro", "Hello from the **editors**.")
                .param(items.get(0).attr("name"), "Day eight on the quays.")
                .param(items.get(1).attr("name"), "Suitcases of books."));
        mvc.perform(post(location + "/items/" + items.get(1).attr("name").substring(7) + "/up")
                .session(editor)
                .with(csrf()));

        var preview = mvc.perform(get(location + "/preview").session(editor))
                .andReturn()
                .getResponse();
        assertThat(preview.getHeader("Content-Security-Policy"))
                .contains("style-src 'unsafe-inline'")
                .doesNotContain("script-src");
        assertThat(preview.getContentAsString()).contains("The Week: strikes and libraries");

        mvc.perform(post(location + "/schedule").session(editor).with(csrf()).param("when", "now"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT"
                        .equals(db.sql("SELECT status FROM edition WHERE id = :id")
                                .param("id", edition)
                                .query(String.class)
                                .single()));
        // the channels hear it was sent (a Telegram announcement, the edition.sent webhook)
        var announced = db.sql("SELECT serialized_event FROM event_publication WHERE event_type = :type")
                .param("type", EditionSent.class.getName())
                .query(String.class)
                .list();
        assertThat(announced)
                .anySatisfy(event -> assertThat(event)
                        .contains(
                                "\"editionId\":" + edition,
                                "The Week: strikes and libraries",
                                "/newsletter/archive/" + edition));
        for (String reader : readers) {
            var mails = editionsTo(reader, "The Week: strikes and libraries");
            assertThat(mails).as(reader).hasSize(1);
            var mail = mails.getFirst();
            assertThat(mail.getHeader("Message-ID")).hasSize(1);
            assertThat(mail.getSentDate()).isNotNull();
            assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(MimeUtility.unfold(mail.getHeader("List-Unsubscribe")[0]))
                    .matches(UNSUBSCRIBE.pattern());
            var parts = (MimeMultipart) mail.getContent();
            String text = (String) parts.getBodyPart(0).getContent();
            String html = (String) parts.getBodyPart(1).getContent();
            assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
            assertThat(text.indexOf("A library in exile"))
                    .as("moved up by hand")
                    .isLessThan(text.indexOf("Harbour strike"));
            assertThat(text).contains("Suitcases of books.", "https://news.example/en/");
            assertThat(html).contains("<strong>editors</strong>", "Day eight on the quays.");
            assertThat(Jsoup.parse(html).select("img"))
                    .as("no pixel, no picture")
                    .isEmpty();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> smtp.getReceivedMessagesForDomain("unconfirmed@example.org").length > 0);
        assertThat(smtp.getReceivedMessagesForDomain("unconfirmed@example.org"))
                .as("only the confirmation")
                .hasSize(1);

        var unsubscribe =
                UNSUBSCRIBE.matcher(MimeUtility.unfold(editionsTo("ana@example.org", "The Week: strikes and libraries")
                        .getFirst()
                        .getHeader("List-Unsubscribe")[0]));
        assertThat(unsubscribe.find()).isTrue();
        var uri = URI.create(unsubscribe.group(1));
        var response = mvc.perform(post(uri.getRawPath() + "?" + uri.getRawQuery())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("List-Unsubscribe=One-Click"))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(db.sql("""
                        SELECT s.status FROM subscription s JOIN subscriber r ON r.id = s.subscriber_id
                        WHERE r.email = 'ana@example.org'
                        """).query(String.class).single()).isEqualTo("UNSUBSCRIBED");
    }
}
