package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * With a DKIM key configured, every message carries a signature that a verifier (Apache jDKIM,
 * given the public key as DNS would publish it) accepts, covering both unsubscribe headers.
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025"})
class DkimTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    static final KeyPair KEYS = keys();

    @Autowired
    Mailer mailer;

    static KeyPair keys() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dkim(DynamicPropertyRegistry registry) throws Exception {
        Path key =
                Files.createDirectories(Path.of("target", "test-data")).resolve("dkim-" + UUID.randomUUID() + ".pem");
        Files.writeString(
                key,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(KEYS.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        registry.add("tamizdat.mail.dkim.domain", () -> "tamizdat.example");
        registry.add("tamizdat.mail.dkim.selector", () -> "news");
        registry.add("tamizdat.mail.dkim.private-key", key::toString);
    }

    /** What DNS would answer for news._domainkey.tamizdat.example. */
    static final PublicKeyRecordRetriever DNS = (method, selector, token) -> {
        assertThat(selector.toString()).isEqualTo("news");
        assertThat(token.toString()).isEqualTo("tamizdat.example");
        return List.of("v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()));
    };

    byte[] sentAndReceived() throws Exception {
        mailer.send(new Mail(
                "news@tamizdat.example",
                "The Week",
                "reader@example.org",
                "Friday",
                "Text, with a link: https://tamizdat.example/en/a",
                "<p>HTML</p>",
                Map.of(
                        "List-Unsubscribe",
                                "<https://tamizdat.example/newsletter/unsubscribe?token=abc>, <mailto:news@tamizdat.example?subject=unsubscribe>",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
        var raw = new ByteArrayOutputStream();
        smtp.getReceivedMessages()[0].writeTo(raw);
        return raw.toByteArray();
    }

    @Test
    void aVerifierAcceptsTheSignatureAndItCoversBothUnsubscribeHeaders() throws Exception {
        var records = new DKIMVerifier(DNS).verify(new ByteArrayInputStream(sentAndReceived()));

        assertThat(records).hasSize(1);
        assertThat(records.getFirst().getHeaders().stream()
                        .map(CharSequence::toString)
                        .map(String::toLowerCase))
                .contains("from", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post");
    }

    @Test
    void changingTheUnsubscribeAddressBreaksTheSignature() throws Exception {
        String tampered = new String(sentAndReceived(), StandardCharsets.ISO_8859_1)
                .replace("unsubscribe?token=abc", "unsubscribe?token=xyz");

        assertThatThrownBy(() -> new DKIMVerifier(DNS)
                        .verify(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.ISO_8859_1))))
                .isInstanceOf(FailException.class);
    }
}
