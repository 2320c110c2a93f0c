package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The bytes we write read back, through Jakarta Mail's parser, as exactly the mail we meant. */
class WireMessageTests {

    private static final Instant DATE = Instant.parse("2026-11-27T08:00:00Z");
    private static final String LONG_RUSSIAN_SUBJECT =
            "Пятничный выпуск: главное за неделю — репортажи, аналитика и письма читателей из городов, где сайт заблокирован";
    private static final String TEXT = ".a line that starts with a dot\nПривет, мир\n" + "x".repeat(2_000) + "\n";
    private static final String HTML = "<p>Привет</p>\n<p>" + "ё".repeat(3_000) + "</p>";

    @Test
    void bothPartsAndEveryHeaderReadBackUnchanged() throws Exception {
        var headers = new LinkedHashMap<String, String>();
        headers.put("List-Unsubscribe", "<https://tamizdat.example/newsletter/unsubscribe?t=" + "a".repeat(120) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var mail = new Mail(
                "week@tamizdat.example",
                "Тамиздат — Неделя, еженедельная рассылка редакции",
                "reader@example.org",
                LONG_RUSSIAN_SUBJECT,
                TEXT,
                HTML,
                headers);

        var parsed = parse(WireMessage.of(mail, DATE).bytes());

        assertThat(parsed.getSubject()).isEqualTo(LONG_RUSSIAN_SUBJECT);
        var from = (InternetAddress) parsed.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Тамиздат — Неделя, еженедельная рассылка редакции");
        assertThat(from.getAddress()).isEqualTo("week@tamizdat.example");
        assertThat(parsed.getRecipients(MimeMessage.RecipientType.TO)[0].toString())
                .isEqualTo("reader@example.org");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(DATE);
        assertThat(parsed.getHeader("Message-ID")[0]).matches("<[0-9a-f-]{36}@tamizdat\\.example>");
        assertThat(parsed.getHeader("MIME-Version")[0]).isEqualTo("1.0");
        assertThat(MimeUtility.unfold(parsed.getHeader("List-Unsubscribe")[0]))
                .isEqualTo(headers.get("List-Unsubscribe"));
        assertThat(parsed.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        var parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(TEXT);
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(HTML);
    }

    @Test
    void aTextOnlyMailIsOnePlainPart() throws Exception {
        var mail = new Mail("a@tamizdat.example", "Tamizdat", "b@example.org", "Hello", TEXT, null);

        var parsed = parse(WireMessage.of(mail, DATE).bytes());

        assertThat(parsed.isMimeType("text/plain")).isTrue();
        assertThat(parsed.getContent()).isEqualTo(TEXT);
    }

    @Test
    void plainAsciiTravelsAsReadableSevenBitTextAndLongLinesAsBase64() throws Exception {
        String ascii = "Confirm your subscription:\nhttps://tamizdat.example/newsletter/confirm?t=abc\n";
        String longLine = "y".repeat(1_200);

        byte[] readable = WireMessage.of(new Mail("a@tamizdat.example", "T", "b@example.org", "Hi", ascii, null), DATE)
                .bytes();
        byte[] encoded = WireMessage.of(
                        new Mail("a@tamizdat.example", "T", "b@example.org", "Hi", longLine, null), DATE)
                .bytes();

        assertThat(new String(readable, StandardCharsets.US_ASCII))
                .contains("Content-Transfer-Encoding: 7bit")
                .contains("https://tamizdat.example/newsletter/confirm?t=abc\r\n");
        assertThat(((String) parse(readable).getContent()).replace("\r\n", "\n"))
                .isEqualTo(ascii);
        assertThat(new String(encoded, StandardCharsets.US_ASCII)).contains("Content-Transfer-Encoding: base64");
        assertThat(parse(encoded).getContent()).isEqualTo(longLine);
    }

    @Test
    void everyLineEndsInCrlfAndStaysWithinSeventyEightCharacters() throws Exception {
        var mail = new Mail(
                "week@tamizdat.example",
                "Тамиздат — Неделя, еженедельная рассылка редакции",
                "reader@example.org",
                LONG_RUSSIAN_SUBJECT,
                TEXT,
                HTML);

        byte[] bytes = WireMessage.of(mail, DATE).bytes();

        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(bytes[i - 1]).as("byte before LF at %d", i).isEqualTo((byte) '\r');
                assertThat(i - 1 - lineStart).as("line at %d", lineStart).isLessThanOrEqualTo(78);
                lineStart = i + 1;
            } else if (bytes[i] == '\r') {
                assertThat(bytes[i + 1]).as("byte after CR at %d", i).isEqualTo((byte) '\n');
            }
        }
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 2, bytes.length)).isEqualTo(new byte[] {'\r', '\n'});
        for (byte b : bytes) {
            assertThat(b).as("only ASCII on the wire").isBetween((byte) 0, (byte) 127);
        }
    }

    @Test
    void aMessageIsMarkedAsFreeOfLeadingDotsOnlyWhenNoLineStartsWithOne() throws Exception {
        var base64 = WireMessage.of(
                new Mail("a@tamizdat.example", "T", "b@example.org", "Hi", ".точка\n.dot\n", ".<p>ё</p>"), DATE);
        var plain =
                WireMessage.of(new Mail("a@tamizdat.example", "T", "b@example.org", "Hi", "ok\n.dot\n", null), DATE);

        assertThat(base64.mayStartLinesWithDots()).isFalse();
        assertThat(new String(base64.bytes(), StandardCharsets.US_ASCII))
                .doesNotStartWith(".")
                .doesNotContain("\n.");
        assertThat(plain.mayStartLinesWithDots()).isTrue();
        assertThat(new String(plain.bytes(), StandardCharsets.US_ASCII)).contains("\r\n.dot\r\n");
    }

    @Test
    void aNonAsciiExtraHeaderIsEncoded() throws Exception {
        var mail = new Mail(
                "a@tamizdat.example",
                "Tamizdat",
                "b@example.org",
                "Hello",
                "Text",
                null,
                java.util.Map.of("List-Id", "Неделя <week.tamizdat.example>"));

        var bytes = WireMessage.of(mail, DATE).bytes();

        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("Неделя");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(parse(bytes).getHeader("List-Id")[0])))
                .isEqualTo("Неделя <week.tamizdat.example>");
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }
}
