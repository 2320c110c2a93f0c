package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The short way for a message's data: found in the Angus Mail we ship, and dots doubled as SMTP needs. */
class SmtpDataTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Test
    void theTransportsSocketStreamIsFoundInTheAngusMailWeShip() throws Exception {
        var transport = Session.getInstance(new Properties()).getTransport("smtp");
        transport.connect("127.0.0.1", 3025, null, null);
        try {
            assertThat(SmtpData.socketStream(transport))
                    .as("Angus Mail's socket stream; without it every message takes its slow data stream")
                    .isNotNull();
        } finally {
            transport.close();
        }
    }

    @Test
    void aDotIsAddedInFrontOfEveryLineThatStartsWithOne() {
        var data = ".first\r\nmiddle . dot\r\n.\r\n..\r\nlast.\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(new String(SmtpData.dotStuffed(data), StandardCharsets.US_ASCII))
                .isEqualTo("..first\r\nmiddle . dot\r\n..\r\n...\r\nlast.\r\n");
    }

    @Test
    void dataWithoutLeadingDotsIsWrittenAsItIs() {
        var data = "no dots\r\nat the start.\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(SmtpData.dotStuffed(data)).isSameAs(data);
    }
}
