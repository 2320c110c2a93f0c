package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.web.servlet.MockMvc;

/** A confirmation that could not be mailed (the relay was down) is mailed when the events are handed out again. */
@SpringBootTest(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025"})
@AutoConfigureMockMvc
class ConfirmationRetryTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Newsletters newsletters;

    @Autowired
    IncompleteEventPublications incomplete;

    @Autowired
    JdbcClient db;

    @Test
    void aConfirmationLostToARelayOutageIsSentOnRetry() throws Exception {
        mvc.perform(post("/newsletter")
                .param("email", "patient@example.org")
                .param("newsletter", Long.toString(newsletters.all().getFirst().id())));
        var smtp = new GreenMail(ServerSetupTest.SMTP);
        try {
            // the listener ran while nothing listened on the port, and its publication is marked failed
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> db.sql("""
                                    SELECT COUNT(*) FROM event_publication
                                    WHERE event_type LIKE '%ConfirmationRequested' AND completion_date IS NULL
                                      AND status = 'FAILED'
                                    """).query(Integer.class).single() == 1);
            smtp.start();

            incomplete.resubmitIncompletePublicationsOlderThan(Duration.ZERO);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> smtp.getReceivedMessagesForDomain("patient@example.org").length == 1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("The Week");
        } finally {
            smtp.stop();
        }
    }
}
