package press.tamizdat.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.RefusingSmtp;

/**
 * When the SMTP server refuses a reader's or supporter's address, quoting it as servers do, the
 * address reaches no log: not the newsletter's confirmation, a receipt, a "manage my support" link,
 * a "your data" link or a reminder's confirmation — each failing where it is caught, or in the
 * event listener that the application logs and retries.
 */
@SpringBootTest(properties = {"spring.application.name=tamizdat-refused", "tamizdat.site.name=Tamizdat"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class MailFailuresLogNoAddressTests {

    static final RefusingSmtp smtp;

    static {
        try {
            smtp = new RefusingSmtp();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void refusingServer(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", smtp::port);
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient db;

    @Test
    void aRefusedAddressReachesNoLogOnAnyPath(CapturedOutput output) throws Exception {
        String subscriber = "refused-subscriber@example.org";
        String supporter = "refused-supporter@example.org";
        String remindee = "refused-remindee@example.org";

        mvc.perform(post("/newsletter")
                .param("email", subscriber)
                .param(
                        "newsletter",
                        db.sql("SELECT id FROM newsletter ORDER BY id FETCH FIRST 1 ROWS ONLY")
                                .query(String.class)
                                .single()));
        String checkout = mvc.perform(post("/support")
                        .param("frequency", "once")
                        .param("custom", "9")
                        .param("currency", "USD"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(post(checkout).param("outcome", "succeed").param("email", supporter));
        mvc.perform(post("/support/manage/link").param("email", supporter));
        mvc.perform(post("/privacy/my-data/link").param("email", supporter));
        mvc.perform(post("/support/remind")
                .param("email", remindee)
                .param("when", "two-weeks")
                .param("consent", "yes"));

        // every path tried its mail and was refused (and had a moment to log it)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(smtp.refusedAddresses())
                        .containsAll(List.of(subscriber, supporter, remindee))
                        .hasSizeGreaterThanOrEqualTo(5));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(output.getAll()).contains("<address>");
        for (String address : List.of(subscriber, supporter, remindee)) {
            assertThat(output.getAll()).doesNotContain(address);
        }
    }
}
