package press.tamizdat.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.DatabaseScan;
import press.tamizdat.TestOutbox;
import press.tamizdat.newsletter.Newsletters;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.support.SupportIndexes;

/**
 * "My data": a reader asks by email, opens the mailed link once, sees what every module holds about
 * their address, downloads it, and erases it — after which no table holds the address, or the keyed
 * index support keeps instead of it. The tables are found by searching the whole schema, not listed.
 */
@SpringBootTest(properties = {"spring.application.name=tamizdat-privacy", "tamizdat.demo=true"})
@AutoConfigureMockMvc
class MyDataTests {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/privacy/my-data\\?token=\\S+)");
    private static final Pattern CONFIRM = Pattern.compile("http://localhost:8080(/newsletter/confirm\\?token=\\S+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    TamizdatSettings settings;

    @Autowired
    Newsletters newsletters;

    @Autowired
    ApplicationContext context;

    static String address() {
        return "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    TestOutbox outbox() {
        return new TestOutbox(settings);
    }

    /** A reader who subscribed and confirmed, got an edition, gave monthly and asked for a reminder. */
    String aReaderWithEverything() throws Exception {
        String email = address();
        mvc.perform(post("/newsletter")
                .param("email", email)
                .param("newsletter", Long.toString(newsletters.all().getFirst().id()))
                .param("source", "/"));
        var confirm = CONFIRM.matcher(TestOutbox.text(outbox().first(email)));
        assertThat(confirm.find()).isTrue();
        String token = Jsoup.parse(mvc.perform(get(confirm.group(1)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .select("form[action=/newsletter/confirm] input[name=token]")
                .val();
        mvc.perform(post("/newsletter/confirm").param("token", token));
        anEditionWentTo(email);
        String checkout = mvc.perform(post("/support")
                        .param("frequency", "monthly")
                        .param("custom", "6")
                        .param("currency", "USD"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(post(checkout).param("outcome", "succeed").param("email", email));
        mvc.perform(post("/support/remind")
                .param("email", email)
                .param("when", "three-months")
                .param("consent", "yes"));
        return email;
    }

    /**
     * A delivery of a sent edition, as the sender leaves it after a first refusal that quoted the
     * address (sending itself is tested with the newsletters).
     */
    void anEditionWentTo(String email) {
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("""
                        INSERT INTO edition (newsletter_id, subject, intro, full_text, status, sent_at, created_by,
                                             created_at, version)
                        VALUES (:newsletter, 'A past edition', '', FALSE, 'SENT', :now, 1, :now, 0)
                        """)
                .param("newsletter", newsletters.all().getFirst().id())
                .param("now", now)
                .update(keys, "id");
        long edition = keys.getKeyAs(Number.class).longValue();
        db.sql("""
                        INSERT INTO delivery (edition_id, subscriber_id, email, batch_no, status, attempts, sent_at, error)
                        SELECT :edition, id, email, 0, 'SENT', 2, :now,
                               '452 4.2.2 <' || email || '>: Mailbox full' FROM subscriber WHERE email = :email
                        """)
                .param("edition", edition)
                .param("now", now)
                .param("email", email)
                .update();
    }

    MockHttpServletResponse ask(String email) throws Exception {
        return mvc.perform(post("/privacy/my-data/link").param("email", email))
                .andReturn()
                .getResponse();
    }

    String linkMailedTo(String email) {
        var mails = new ArrayList<>(outbox().to(email));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outbox().to(email).stream()
                        .anyMatch(m -> LINK.matcher(TestOutbox.text(m)).find()));
        for (var mail : outbox().to(email)) {
            var link = LINK.matcher(TestOutbox.text(mail));
            if (link.find()) {
                return link.group(1);
            }
        }
        throw new AssertionError("no link among " + mails.size() + " mails");
    }

    Document open(String link) throws Exception {
        String token = Jsoup.parse(
                        mvc.perform(get(link)).andReturn().getResponse().getContentAsString())
                .select("form[action=/privacy/my-data] input[name=token]")
                .val();
        return Jsoup.parse(mvc.perform(post("/privacy/my-data").param("token", token))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    /** Every column, text or binary, where the address or support's index of it is found. */
    List<String> traces(String email) {
        var found = new ArrayList<String>();
        for (String needle : List.of(email, SupportIndexes.of(context, email))) {
            DatabaseScan.columnsContaining(db, needle).forEach(column -> found.add(column.toString()));
            DatabaseScan.binaryColumnsContaining(db, needle).forEach(column -> found.add(column.toString()));
        }
        return found;
    }

    @Test
    void theAnswerIsTheSameForAnyAddressAndOnlyAKnownOneIsMailed() throws Exception {
        String known = aReaderWithEverything();
        String unknown = address();

        var forUnknown = ask(unknown);
        var forKnown = ask(known);

        assertThat(forUnknown.getStatus()).isEqualTo(forKnown.getStatus()).isEqualTo(200);
        assertThat(Jsoup.parse(forUnknown.getContentAsString())
                        .select("[role=status]")
                        .text())
                .isEqualTo(Jsoup.parse(forKnown.getContentAsString())
                        .select("[role=status]")
                        .text())
                .isNotEmpty();
        assertThat(linkMailedTo(known)).startsWith("/privacy/my-data?token=");
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(10))
                .until(() -> outbox().to(unknown).isEmpty());
    }

    @Test
    void theLinkOpensOnceAndShowsWhatEveryModuleHolds() throws Exception {
        String email = aReaderWithEverything();
        ask(email);
        String link = linkMailedTo(email);

        var button = mvc.perform(get(link)).andReturn().getResponse();
        var own = open(link);
        String token = Jsoup.parse(button.getContentAsString())
                .select("input[name=token]")
                .val();
        var again = mvc.perform(post("/privacy/my-data").param("token", token))
                .andReturn()
                .getResponse();

        assertThat(button.getHeader("Cache-Control")).contains("no-store");
        assertThat(own.text()).contains(email);
        assertThat(own.select("#held-newsletters li").eachText())
                .anySatisfy(line -> assertThat(line).contains("active"))
                .anySatisfy(line -> assertThat(line).contains("Privacy Policy"))
                .contains("Editions sent to you: 1");
        assertThat(own.select("#held-support li").eachText())
                .contains("Contributions: 1")
                .anySatisfy(line -> assertThat(line).startsWith("Recurring support: $6.00, Monthly, active"))
                .anySatisfy(line -> assertThat(line).startsWith("A reminder to support us"));
        assertThat(again.getStatus()).as("a link works once").isEqualTo(403);
    }

    @Test
    void theDownloadHoldsEverythingAboutTheAddress() throws Exception {
        String email = aReaderWithEverything();
        ask(email);
        var own = open(linkMailedTo(email));

        var download = mvc.perform(post("/privacy/my-data/export")
                        .param("page", own.select("input[name=page]").first().val()))
                .andReturn()
                .getResponse();

        assertThat(download.getHeader("Content-Disposition")).contains("my-data.json");
        assertThat(download.getHeader("Cache-Control")).contains("no-store");
        String json = download.getContentAsString();
        assertThat(json)
                .contains("\"email\":\"" + email + "\"")
                .contains("\"subscriptions\":[{")
                .contains("\"consents\":[{\"policyVersion\"")
                .contains("\"contributions\":[{")
                .contains("\"recurringSupport\":[{")
                .contains("\"minor\":600")
                .contains("MONTHLY")
                .contains("\"reminders\":[{")
                .as("only the data, no helper's property")
                .doesNotContain("\"empty\"", "\"holdsNothing\"");
    }

    @Test
    void erasureRemovesTheAddressFromEveryTableThatHeldIt() throws Exception {
        String email = aReaderWithEverything();
        var before = traces(email);
        ask(email);
        var own = open(linkMailedTo(email));

        var erased = mvc.perform(post("/privacy/my-data/erase")
                        .param("page", own.select("input[name=page]").first().val())
                        .param("confirm", "yes"))
                .andReturn()
                .getResponse();

        assertThat(before)
                .as("the search finds the address where the modules keep it")
                .contains(
                        "subscriber.email",
                        "delivery.email",
                        "delivery.error",
                        "supporter.email_index",
                        "reminder.email_index");
        assertThat(erased.getStatus()).isEqualTo(200);
        assertThat(Jsoup.parse(erased.getContentAsString())
                        .select("[role=status]")
                        .text())
                .contains("erased");
        assertThat(traces(email)).as("no table holds the address after erasure").isEmpty();
        assertThat(db.sql("""
                        SELECT COUNT(*) FROM contribution WHERE supporter_id IS NULL AND amount_minor = 600
                        """).query(Long.class).single())
                .as("the amount stays, with nobody attached")
                .isPositive();
        assertThat(db.sql("SELECT status FROM recurring_support WHERE amount_minor = 600 AND supporter_id IS NULL")
                        .query(String.class)
                        .list())
                .as("recurring support is cancelled before its supporter is forgotten")
                .isNotEmpty()
                .containsOnly("CANCELLED");
    }

    @Test
    void erasureWaitsForTheBoxToBeTicked() throws Exception {
        String email = aReaderWithEverything();
        ask(email);
        var own = open(linkMailedTo(email));

        var refused = mvc.perform(post("/privacy/my-data/erase")
                        .param("page", own.select("input[name=page]").first().val()))
                .andReturn()
                .getResponse();

        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.getContentAsString())
                        .select("[role=alert]")
                        .text())
                .contains("Tick the box");
        assertThat(traces(email)).contains("subscriber.email", "supporter.email_index");
    }

    @Test
    void aForgedOrStalePageIsRefusedAndChangesNothing() throws Exception {
        var forged = mvc.perform(post("/privacy/my-data/erase")
                        .param("page", "v1.forged")
                        .param("confirm", "yes"))
                .andReturn()
                .getResponse();
        var download = mvc.perform(post("/privacy/my-data/export").param("page", ""))
                .andReturn()
                .getResponse();
        var badLink = mvc.perform(get("/privacy/my-data?token=not-a-token"))
                .andReturn()
                .getResponse();

        assertThat(forged.getStatus()).isEqualTo(403);
        assertThat(download.getStatus()).isEqualTo(403);
        assertThat(Jsoup.parse(badLink.getContentAsString()).text()).contains("expired or has already been used");
    }

    @Test
    void aBadAddressGetsAMessageAndKeepsWhatWasTyped() throws Exception {
        var response = ask("not an address");

        assertThat(response.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(response.getContentAsString());
        assertThat(page.select("[role=alert]").text()).isEqualTo("Please enter a valid email address.");
        assertThat(page.select("input[name=email]").val()).isEqualTo("not an address");
    }

    @Test
    void oneNetworkAsksOnlySoOftenAMinute() throws Exception {
        int refused = 0;
        for (int i = 0; i < 15; i++) {
            var response = mvc.perform(post("/privacy/my-data/link")
                            .with(request -> {
                                request.setRemoteAddr("192.0.2.77");
                                return request;
                            })
                            .param("email", address()))
                    .andReturn()
                    .getResponse();
            if (response.getStatus() == 429) {
                refused++;
                assertThat(response.getHeader("Retry-After")).isEqualTo("60");
            }
        }

        assertThat(refused).isEqualTo(5);
    }
}
