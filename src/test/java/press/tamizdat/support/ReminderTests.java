package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * "Remind me later", with the month shortened to seconds by configuration: the address is asked,
 * neutrally, to confirm; a confirmed reminder is sent once with the form filled in and its
 * address deleted; only the mailed link confirms or deletes it.
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

    private static final Pattern LINK = Pattern.compile("https?://\\S+(/support/remind/confirm\\?token=\\S+)");

    /** The link of the confirmation mail the address got. */
    private String confirmationLink(String email) {
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email) >= 1);
        var link = LINK.matcher(mailText(email));
        assertThat(link.find()).isTrue();
        return link.group(1);
    }

    private String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    @Test
    void aConfirmedReminderIsSentOnceAtItsTimeWithTheFormFilledInAndItsAddressDeleted() throws Exception {
        String email = address();

        var asked = remind(email, "one-month", "yes");

        assertThat(asked.getStatus()).isEqualTo(200);
        assertThat(Jsoup.parse(asked.getContentAsString())
                        .select("[role=status]")
                        .text())
                .startsWith("Thank you. Check your inbox");
        String link = confirmationLink(email);
        var opened = mvc.perform(get(link)).andReturn().getResponse();
        assertThat(opened.getHeader("Cache-Control")).contains("no-store");
        assertThat(Jsoup.parse(opened.getContentAsString())
                        .select("form[action$=confirm] button")
                        .text())
                .isEqualTo("Confirm my reminder");
        var confirmed = mvc.perform(post("/support/remind/confirm").param("token", token(link)))
                .andReturn()
                .getResponse();
        assertThat(Jsoup.parse(confirmed.getContentAsString())
                        .select("[role=status]")
                        .text())
                .startsWith("Thank you. We will write to you once, on ");
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email) == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting(email) == 0);
        assertThat(reminders.sendDue()).as("nothing is left to send again").isZero();
        assertThat(mailsTo(email)).isEqualTo(2);
        String text = TestOutbox.text(new TestOutbox(settings).to(email).getLast());
        assertThat(text)
                .contains("http://localhost:8080/support?frequency=monthly&custom=7.50&currency=EUR&source=reminder")
                .contains("This is the only reminder");
    }

    @Test
    void anAddressThatDoesNotConfirmGetsOnlyANeutralQuestionAndIsForgotten() throws Exception {
        String email = address();

        remind(email, "one-month", "yes");
        confirmationLink(email);

        var question = new TestOutbox(settings).first(email);
        assertThat(question.getSubject()).isEqualTo("Please confirm your request to Tamizdat");
        // its words ask nothing of the reader (only the link's path says where it leads)
        assertThat(TestOutbox.text(question).replaceAll("https?://\\S+", "")).doesNotContainIgnoringCase("support");
        // due after two seconds, unconfirmed: deleted, and nothing more is sent
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(email) == 0);
        assertThat(mailsTo(email)).isEqualTo(1);
    }

    @Test
    void askingAgainWithinTheHourMailsTheAddressNoMore() throws Exception {
        String email = address();

        remind(email, "three-months", "yes");
        remind(email, "two-weeks", "yes");
        remind(email, "one-month", "yes");

        confirmationLink(email);
        assertThat(mailsTo(email)).isEqualTo(1);
        assertThat(waiting(email)).isEqualTo(1);
    }

    @Test
    void onlyTheMailedLinkDeletesAReminderAndAnotherRequestCannotReplaceAConfirmedOne() throws Exception {
        String email = address();
        remind(email, "three-months", "yes");
        String link = confirmationLink(email);
        mvc.perform(post("/support/remind/confirm").param("token", token(link)));

        var byAddress = mvc.perform(post("/support/remind/forget").param("email", email))
                .andReturn()
                .getResponse();
        db.sql("UPDATE reminder SET created_at = created_at - INTERVAL '2' HOUR WHERE email_index = :index")
                .param("index", emails.index(email))
                .update();
        remind(email, "two-weeks", "yes");

        assertThat(Jsoup.parse(byAddress.getContentAsString())
                        .select("[role=status]")
                        .text())
                .isEqualTo("If a reminder was waiting, it is deleted, and the address with it.");
        assertThat(confirmedWaiting(email))
                .as("neither the stranger's form nor a new request removes it")
                .isEqualTo(1);
        mvc.perform(post("/support/remind/forget").param("token", token(link)));
        assertThat(confirmedWaiting(email)).isZero();
    }

    @Test
    void aReminderTheReceivingServerRefusesIsNotTriedAgain() {
        db.sql("""
                        INSERT INTO reminder (email_sealed, email_index, due_at, language, frequency, amount, currency,
                                              created_at, confirmed_at)
                        VALUES (:sealed, 'refused-index', CURRENT_TIMESTAMP - INTERVAL '1' MINUTE, 'en', 'MONTHLY', '',
                                'USD', CURRENT_TIMESTAMP - INTERVAL '1' DAY, CURRENT_TIMESTAMP - INTERVAL '1' DAY)
                        """).param("sealed", emails.seal("not an address")).update();

        reminders.sendDue();

        assertThat(db.sql("SELECT COUNT(*) FROM reminder WHERE email_index = 'refused-index'")
                        .query(Integer.class)
                        .single())
                .isZero();
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

    private int confirmedWaiting(String email) {
        return db.sql("SELECT COUNT(*) FROM reminder WHERE email_index = :index AND confirmed_at IS NOT NULL")
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
