package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;

/** Mail over real SMTP (GreenMail): both parts, the identifying headers, and no header injection. */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025"})
class MailerTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired
    Mailer mailer;

    @Test
    void sendsPlainTextAndHtmlWithMessageIdDateAndExtraHeaders() throws Exception {
        mailer.send(new Mail(
                "news@tamizdat.example",
                "Tamizdat — The Week",
                "reader@example.org",
                "Пятничный выпуск",
                "Plain text",
                "<p>HTML</p>",
                Map.of("List-Unsubscribe", "<https://tamizdat.example/u/abc>")));

        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        var message = received[0];
        assertThat(message.getSubject()).isEqualTo("Пятничный выпуск");
        assertThat(message.getHeader("Message-ID")[0]).matches("<[0-9a-f-]{36}@tamizdat\\.example>");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getHeader("List-Unsubscribe")[0]).isEqualTo("<https://tamizdat.example/u/abc>");
        assertThat(message.getFrom()[0].toString()).contains("news@tamizdat.example");
        var parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    }

    @Test
    void oneConnectionCarriesManyMessages() throws Exception {
        try (var connection = mailer.connect()) {
            for (int i = 0; i < 5; i++) {
                connection.send(
                        new Mail("news@tamizdat.example", "Tamizdat", "r" + i + "@example.org", "Hello", "Text", null));
            }
        }

        assertThat(smtp.getReceivedMessages()).hasSize(5);
    }

    @Test
    void linesThatStartWithADotArriveAsWritten() throws Exception {
        // a lone "." would end the data early, and ".." would lose a dot, were the dots not doubled
        String text = ".\n..\n.hidden\nend.";

        mailer.send(new Mail("news@tamizdat.example", "Tamizdat", "reader@example.org", "Dots", text, null));

        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(((String) received[0].getContent()).replace("\r\n", "\n")).isEqualTo(text);
    }

    @Test
    void aMessageWhoseBarrierFailsIsNeverAcceptedAndTheFailureIsPassing() throws Exception {
        try (var connection = mailer.connect()) {
            connection.send(new Mail("news@tamizdat.example", "Tamizdat", "first@example.org", "One", "Text", null));
            assertThatThrownBy(() -> connection.send(
                            new Mail("news@tamizdat.example", "Tamizdat", "second@example.org", "Two", "Text", null),
                            () -> {
                                throw new IllegalStateException("the previous message is not on record");
                            }))
                    .isInstanceOfSatisfying(
                            MailFailure.class,
                            failure -> assertThat(failure.permanent()).isFalse());
        }

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("One");
    }

    @Test
    void refusesOtherControlCharactersInHeadersButAllowsATab() {
        assertThatThrownBy(() -> new Mail("a@b.org", "Name", "c@d.org", "Sub\u0000ject", "Text", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mail("a@b.org", "Na\u000bme", "c@d.org", "Subject", "Text", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Mail("a@b.org", "Name", "c@d.org", "Sub\tject", "Text", null).subject())
                .isEqualTo("Sub\tject");
    }

    @Test
    void refusesLineBreaksInAnyHeader() {
        assertThatThrownBy(() -> new Mail("a@b.org", "Name\r\nBcc: x@y.org", "c@d.org", "Subject", "Text", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mail("a@b.org", "Name", "c@d.org", "Subject\nBcc: x@y.org", "Text", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mail(
                        "a@b.org", "Name", "c@d.org", "Subject", "Text", null, Map.of("X-Note", "a\r\nBcc: x@y.org")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedRecipientIsAPermanentFailure() {
        assertThatThrownBy(() -> mailer.send(new Mail("a@b.org", "Name", "not an address", "Subject", "Text", null)))
                .isInstanceOfSatisfying(
                        MailFailure.class,
                        failure -> assertThat(failure.permanent()).isTrue());
    }
}
