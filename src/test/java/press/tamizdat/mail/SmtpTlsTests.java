package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Implicit TLS (SMTPS, port 465 in production) to GreenMail's SMTPS server: the message arrives
 * over TLS. GreenMail's certificate is its own, so this test trusts it by host; production checks
 * the certificate and the server's name.
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(
        properties = {
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=3465",
            "tamizdat.mail.security=tls",
            "spring.mail.properties[mail.smtp.ssl.trust]=127.0.0.1",
            "spring.mail.properties[mail.smtp.ssl.checkserveridentity]=false"
        })
class SmtpTlsTests {

    @RegisterExtension
    static GreenMailExtension smtps = new GreenMailExtension(ServerSetupTest.SMTPS);

    @Autowired
    Mailer mailer;

    @Test
    void withImplicitTlsTheMessageArrives() throws Exception {
        mailer.send(new Mail("news@tamizdat.example", "Tamizdat", "reader@example.org", "Over TLS", "Text", null));

        assertThat(smtps.getReceivedMessages()).hasSize(1);
        assertThat(smtps.getReceivedMessages()[0].getSubject()).isEqualTo("Over TLS");
    }
}
