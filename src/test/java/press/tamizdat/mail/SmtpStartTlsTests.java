package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import press.tamizdat.RefusingSmtp;

/** STARTTLS configured is STARTTLS required: a server that does not offer it gets no mail, not mail in the clear. */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(properties = "tamizdat.mail.security=starttls")
class SmtpStartTlsTests {

    static final RefusingSmtp plain;

    static {
        try {
            plain = new RefusingSmtp();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", plain::port);
    }

    @AfterAll
    static void stop() throws Exception {
        plain.close();
    }

    @Autowired
    Mailer mailer;

    @Test
    void aServerWithoutStartTlsGetsNoMessage() {
        assertThatThrownBy(() -> mailer.send(
                        new Mail("news@tamizdat.example", "Tamizdat", "reader@example.org", "Secret", "Text", null)))
                .isInstanceOf(MailFailure.class)
                .hasMessageContaining("STARTTLS");
        assertThat(plain.refused()).as("no recipient was ever named to it").isZero();
    }
}
