package press.tamizdat.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.DatabaseScan;
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The autoresponder against GreenMail's IMAP server over TLS: a message to the mailbox gets one
 * reply with today's addresses, in its language; a second one within the hour gets none; robots
 * get none; the mailbox is emptied and no address is kept anywhere.
 */
@AutoConfigureMockMvc
@SpringBootTest(
        properties = {
            "spring.application.name=tamizdat-autoresponder",
            "tamizdat.site.name=Tamizdat",
            // the example mirror answers nowhere: checked, it would not be healthy
            "tamizdat.reach.health.enabled=false",
            // the test reads the mailbox itself, not the job
            "tamizdat.reach.autoresponder.poll-interval=1h"
        })
class AutoresponderTests {

    static final String MAILBOX = "ask@tamizdat.example";
    static final String ONION = "duskgytldkxiuqc6bq5anpwtsc2iypeb4aexzd6hv6q2ynxtwdr2wkad.onion";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
                    new com.icegreen.greenmail.util.ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAPS})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, "ask", "secret"));

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry properties) {
        properties.add("tamizdat.reach.autoresponder.address", () -> MAILBOX);
        properties.add("tamizdat.reach.autoresponder.host", () -> "127.0.0.1");
        properties.add("tamizdat.reach.autoresponder.port", () -> ServerSetupTest.IMAPS.getPort());
        properties.add("tamizdat.reach.autoresponder.user", () -> "ask");
        properties.add("tamizdat.reach.autoresponder.password", () -> "secret");
        // GreenMail's certificate is its own; production checks the server's certificate
        properties.add("tamizdat.reach.autoresponder.ssl-trust", () -> "127.0.0.1");
    }

    @Autowired
    Autoresponder autoresponder;

    @Autowired
    Mirrors mirrors;

    @Autowired
    TamizdatSettings settings;

    @Autowired
    JdbcClient db;

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void todaysAddresses() {
        mirrors.save(List.of("https://mirror-one.example.org"), "http://" + ONION);
    }

    @Test
    void aReaderGetsTodaysAddressesOnceAnHourAndNothingIsKept() throws Exception {
        String reader = "reader-" + UUID.randomUUID() + "@example.org";
        write(reader, "Addresses?", "Where can I read you today?", null);

        var first = autoresponder.answer();
        write(reader, "Again", "And again?", null);
        var second = autoresponder.answer();

        assertThat(first).isEqualTo(new Autoresponder.Round(1, 1));
        assertThat(second).as("within the hour").isEqualTo(new Autoresponder.Round(1, 0));
        var replies = new TestOutbox(settings).to(reader);
        assertThat(replies).hasSize(1);
        var reply = replies.getFirst();
        assertThat(reply.getSubject()).isEqualTo("How to reach Tamizdat");
        assertThat(reply.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(TestOutbox.text(reply))
                .contains("These addresses work today:")
                .contains("https://mirror-one.example.org")
                .contains("http://" + ONION)
                .contains("https://mirror-one.example.org/newsletter/latest/index.html");
        assertThat(autoresponder.answer()).as("the mailbox is empty").isEqualTo(new Autoresponder.Round(0, 0));
        assertThat(DatabaseScan.columnsContaining(db, reader)).isEmpty();
        assertThat(DatabaseScan.columnsContaining(db, reader.substring(0, reader.indexOf('@'))))
                .isEmpty();
    }

    @Test
    void aRequestInRussianIsAnsweredInRussian() throws Exception {
        String reader = "chitatel-" + UUID.randomUUID() + "@example.org";
        write(reader, "Адреса", "Как вас сейчас читать?", null);

        autoresponder.answer();

        var reply = new TestOutbox(settings).first(reader);
        assertThat(reply.getSubject()).isEqualTo("Как читать Tamizdat");
        assertThat(TestOutbox.text(reply)).contains("Сегодня работают эти адреса:");
    }

    @Test
    void robotsGetNoAnswer() throws Exception {
        String robot = "robot-" + UUID.randomUUID() + "@example.org";
        write(robot, "Out of office", "I am away.", "auto-replied");
        write("MAILER-DAEMON@example.org", "Undelivered", "Returned mail.", null);

        var round = autoresponder.answer();

        assertThat(round).isEqualTo(new Autoresponder.Round(2, 0));
        assertThat(new TestOutbox(settings).to(robot)).isEmpty();
    }

    @Test
    void pagesAndTheirFormsTellReadersWhereToAsk() throws Exception {
        var mirrorsPage = org.jsoup.Jsoup.parse(
                mvc.perform(get("/mirrors")).andReturn().getResponse().getContentAsString());
        var supportPage = org.jsoup.Jsoup.parse(
                mvc.perform(get("/support")).andReturn().getResponse().getContentAsString());

        assertThat(mirrorsPage.select("main a[href=mailto:" + MAILBOX + "]")).hasSize(1);
        assertThat(mirrorsPage.select("footer .ask a").attr("href")).isEqualTo("mailto:" + MAILBOX);
        assertThat(supportPage.select(".give-elsewhere").text())
                .isEqualTo(
                        "Form not working where you are? Ask by email for today's addresses, and read and subscribe from there: "
                                + MAILBOX);
    }

    /** A reader's message to the mailbox, through GreenMail's SMTP server. */
    private static void write(String from, String subject, String text, String autoSubmitted) throws Exception {
        var message = new MimeMessage(GreenMailUtil.getSession(ServerSetupTest.SMTP));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        if (autoSubmitted != null) {
            message.setHeader("Auto-Submitted", autoSubmitted);
        }
        int before = mail.getReceivedMessages().length;
        GreenMailUtil.sendMimeMessage(message);
        mail.waitForIncomingEmail(5_000, before + 1);
    }
}
