package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;

/**
 * "Remind me later", with the month shortened to seconds by configuration: the reminder is
 * scheduled, sent once with the form filled in, and its address deleted; it can be deleted sooner.
 */
@SpringBootTest(
        properties = {
            "tamizdat.site.name=Tamizdat",
            "tamizdat.support.reminders.one-month=2s",
            "tamizdat.support.reminders.poll-interval=1s"
        })
@AutoConfigureMockMvc
class ReminderTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    Reminders reminders;

    @Autowired
    SealedEmails emails;

    @Autowired
    TamizdatSettings settings;

    @Test
    void aReminderIsSentOnceAtItsTimeWithTheFormFilledInAndItsAddressDeleted() throws Exception {
        String email = address();

        var scheduled = remind(email, "one-month", "yes");

        assertThat(scheduled.getStatus()).isEqualTo(200);
        assertThat(Jsoup.parse(scheduled.getContentAsString())
                        .select("[role=status]")
                        .text())
                .startsWith("Thank you. We will write to you once, on ");
        assertThat(waiting(email)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting(email) == 0);
        assertThat(reminders.sendDue()).as("nothing is left to send again").isZero();
        assertThat(mailsTo(email)).isEqualTo(1);
        String text = mailText(email);
        assertThat(text)
                .contains("http://localhost:8080/support?frequency=monthly&custom=7.50&currency=EUR&source=reminder")
                .contains("This is the only reminder");
    }

    @Test
    void aReminderNeedsAnAddressAChoiceOfTimeAndConsent() throws Exception {
        var response = mvc.perform(
                        post("/support/remind").param("email", "not an address").param("when", "next-year"))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(response.getContentAsString())
                        .select("[role=alert] li")
                        .eachText())
                .containsExactly(
                        "Enter an email address such as name@example.org.",
                        "Choose when we should write: in two weeks, one month or three months.",
                        "Tick the box to agree to the one reminder email.");
        assertThat(Jsoup.parse(response.getContentAsString())
                        .select("input[name=email]")
                        .val())
                .isEqualTo("not an address");
        assertThat(waiting("not an address")).isZero();
    }

    @Test
    void aReminderCanBeDeletedAtOnceWithOneClickOrLaterByAddress() throws Exception {
        String clicked = address();
        String asked = address();
        var page = Jsoup.parse(remind(clicked, "three-months", "yes").getContentAsString());
        remind(asked, "two-weeks", "yes");

        mvc.perform(post("/support/remind/forget")
                .param("token", page.select("input[name=token]").val()));
        var answer = mvc.perform(post("/support/remind/forget").param("email", asked))
                .andReturn()
                .getResponse();
        var unknown = mvc.perform(post("/support/remind/forget").param("email", address()))
                .andReturn()
                .getResponse();

        assertThat(waiting(clicked) + waiting(asked)).isZero();
        assertThat(Jsoup.parse(answer.getContentAsString()).select("main").text())
                .as("the same answer whether or not a reminder was waiting")
                .isEqualTo(
                        Jsoup.parse(unknown.getContentAsString()).select("main").text());
    }

    @Test
    void askingAgainReplacesTheWaitingReminder() throws Exception {
        String email = address();

        remind(email, "three-months", "yes");
        remind(email, "two-weeks", "yes");

        assertThat(waiting(email)).isEqualTo(1);
    }

    @Test
    void oneNetworkMayAskForTwentyRemindersAMinuteAndNoMore() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(remindFrom("10.66.1." + i).getStatus()).isEqualTo(200);
        }

        var busy = remindFrom("10.66.1.99");

        assertThat(busy.getStatus()).isEqualTo(429);
        assertThat(Jsoup.parse(busy.getContentAsString())
                        .select("[role=alert] li")
                        .text())
                .startsWith("Many requests are coming from your network right now.");
        assertThat(remindFrom("10.67.1.1").getStatus()).as("another network").isEqualTo(200);
    }

    private MockHttpServletResponse remindFrom(String network) throws Exception {
        return mvc.perform(post("/support/remind")
                        .with(request -> {
                            request.setRemoteAddr(network);
                            return request;
                        })
                        .param("email", address())
                        .param("when", "three-months")
                        .param("consent", "yes"))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse remind(String email, String when, String consent) throws Exception {
        return mvc.perform(post("/support/remind")
                        .param("email", email)
                        .param("when", when)
                        .param("consent", consent)
                        .param("frequency", "monthly")
                        .param("custom", "7.50")
                        .param("currency", "EUR"))
                .andReturn()
                .getResponse();
    }

    /** Reminders waiting for an address, found as the application finds them: by the address's index. */
    private int waiting(String email) {
        return db.sql("SELECT COUNT(*) FROM reminder WHERE email_index = :index")
                .param("index", emails.index(email))
                .query(Integer.class)
                .single();
    }

    private static String address() {
        return "later-" + UUID.randomUUID() + "@example.org";
    }

    private long mailsTo(String email) {
        return new TestOutbox(settings).to(email).size();
    }

    private String mailText(String email) {
        return TestOutbox.text(new TestOutbox(settings).first(email));
    }
}
