package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A template's copies carry each recipient's own values, and nothing else differs between them. */
class MailTemplateTests {

    private static final String LINK = "https://link.invalid/mark";
    private static final Mail EDITION = new Mail(
            "week@tamizdat.example",
            "Тамиздат — Неделя",
            "week@tamizdat.example",
            "Пятничный выпуск",
            "Главное за неделю.\nОтписаться: " + LINK + "\nСнова: " + LINK + "\n",
            "<p>Главное за неделю.</p><a href=\"" + LINK + "\">Отписаться</a>",
            Map.of("List-Id", "<weekly.tamizdat.example>"));

    @Test
    void eachCopyCarriesItsOwnValuesInTextAndEscapedInHtml() throws Exception {
        var template = MailTemplate.of(EDITION, List.of(LINK));

        var ana = parse(template.to(
                "ana@example.org",
                Map.of("List-Unsubscribe", "<https://tamizdat.example/u?a=1&b=2>"),
                "https://tamizdat.example/u?a=1&b=2"));
        var boris = parse(template.to(
                "boris@example.org",
                Map.of("List-Unsubscribe", "<https://tamizdat.example/u?b>"),
                "https://tamizdat.example/u?b"));

        var parts = (MimeMultipart) ana.getContent();
        assertThat(parts.getBodyPart(0).getContent())
                .isEqualTo("Главное за неделю.\nОтписаться: https://tamizdat.example/u?a=1&b=2\n"
                        + "Снова: https://tamizdat.example/u?a=1&b=2\n");
        assertThat(parts.getBodyPart(1).getContent())
                .isEqualTo(
                        "<p>Главное за неделю.</p><a href=\"https://tamizdat.example/u?a=1&amp;b=2\">Отписаться</a>");
        assertThat(ana.getRecipients(MimeMessage.RecipientType.TO)[0].toString())
                .isEqualTo("ana@example.org");
        assertThat(MimeUtility.unfold(ana.getHeader("List-Unsubscribe")[0]))
                .isEqualTo("<https://tamizdat.example/u?a=1&b=2>");
        assertThat(ana.getHeader("List-Id")[0]).isEqualTo("<weekly.tamizdat.example>");
        assertThat(ana.getSubject()).isEqualTo("Пятничный выпуск");
        assertThat((String) ((MimeMultipart) boris.getContent()).getBodyPart(0).getContent())
                .contains("https://tamizdat.example/u?b\n")
                .doesNotContain("a=1");
        assertThat(boris.getRecipients(MimeMessage.RecipientType.TO)[0].toString())
                .isEqualTo("boris@example.org");
    }

    @Test
    void aCopyWithTheWrongNumberOfValuesIsRefused() {
        var template = MailTemplate.of(EDITION, List.of(LINK));

        assertThatThrownBy(() -> template.to("ana@example.org", Map.of(), "one", "two"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopysHeadersAreCheckedForLineBreaksLikeAnyMail() {
        var template = MailTemplate.of(EDITION, List.of(LINK));

        assertThatThrownBy(() -> template.to("ana@example.org", Map.of("List-Unsubscribe", "<x>\r\nBcc: y@z.org"), "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopyMayNotSetAHeaderTheTemplateAlreadyHas() {
        var template = MailTemplate.of(EDITION, List.of(LINK));

        assertThatThrownBy(() -> template.to("ana@example.org", Map.of("list-id", "<other.example>"), "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has the header list-id");
    }

    @Test
    void aCopyOfAnAsciiTemplateIsReadableSevenBitTextAndOfAnyOtherBase64() throws Exception {
        var english = new Mail(
                "week@tamizdat.example",
                "Tamizdat",
                "week@tamizdat.example",
                "The Week",
                "The news.\nUnsubscribe: " + LINK + "\n",
                "<p>The news.</p>");

        var ascii = WireMessage.of(
                        MailTemplate.of(english, List.of(LINK)).to("ana@example.org", Map.of(), "https://u.example/a"),
                        Instant.parse("2026-11-27T08:00:00Z"))
                .bytes();
        var russian = WireMessage.of(
                        MailTemplate.of(EDITION, List.of(LINK)).to("ana@example.org", Map.of(), "https://u.example/a"),
                        Instant.parse("2026-11-27T08:00:00Z"))
                .bytes();

        assertThat(new String(ascii, java.nio.charset.StandardCharsets.US_ASCII))
                .contains("Content-Transfer-Encoding: 7bit\r\n\r\nThe news.\r\nUnsubscribe: https://u.example/a\r\n")
                .doesNotContain("base64");
        assertThat(new String(russian, java.nio.charset.StandardCharsets.US_ASCII))
                .doesNotContain("7bit")
                .contains("Content-Transfer-Encoding: base64");
    }

    @Test
    void aCopysBase64IsTheSameAsEncodingItsWholeTextAtOnce() throws Exception {
        // the part before the first link is encoded once for all copies; the rest per copy
        String html = "<p>" + "Новости недели. ".repeat(400) + "</p><a href=\"" + LINK + "\">x</a><p>Конец</p>";
        var template = MailTemplate.of(
                new Mail("week@tamizdat.example", "T", "week@tamizdat.example", "Неделя", "Текст " + LINK, html),
                List.of(LINK));

        var wire = new String(
                WireMessage.of(template.to("ana@example.org", Map.of(), "https://u.example/ana"), Instant.EPOCH)
                        .bytes(),
                java.nio.charset.StandardCharsets.US_ASCII);

        String whole = new String(
                java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
                        .encode(html.replace(LINK, "https://u.example/ana")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(wire)
                .contains("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + whole
                        + "\r\n--");
    }

    private static MimeMessage parse(MailTemplate.Copy copy) throws Exception {
        byte[] bytes =
                WireMessage.of(copy, Instant.parse("2026-11-27T08:00:00Z")).bytes();
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }
}
