package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/** Bad input to an edition is refused with a message on the form, which keeps what was typed. */
@SpringBootTest
@AutoConfigureMockMvc
class EditionDeskTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    Editions editions;

    @Autowired
    Newsletters newsletters;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    MockHttpSession editor;
    long edition;

    @BeforeEach
    void anEditorWithADraft() throws Exception {
        String email = "editor-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Editor", Role.EDITOR, "correct horse battery", false);
        editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        edition = editions.create(newsletters.all().getFirst().id(), 1);
    }

    @Test
    void aSubjectWithALineBreakIsRefusedAndTheDraftKeepsItsSubject() throws Exception {
        var response = save("Friday\r\nBcc: everyone@example.org", "Intro");

        assertThat(response.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(response.getContentAsString());
        assertThat(page.select("[role=alert]").text()).contains("one line");
        assertThat(page.select("textarea[name=intro]").text()).isEqualTo("Intro");
        assertThat(editions.find(edition).orElseThrow().subject()).isEqualTo("The Week");
    }

    @Test
    void aHugeIntroductionIsRefusedWithAMessage() throws Exception {
        var response = save("Friday", "word ".repeat(10_000));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(response.getContentAsString())
                        .select("[role=alert]")
                        .text())
                .isNotBlank();
        assertThat(editions.find(edition).orElseThrow().intro()).isEmpty();
    }

    @Test
    void aGoodSubjectAndIntroductionAreSaved() throws Exception {
        var response = save("Friday: strikes and libraries", "This week *matters*.");

        assertThat(response.getStatus()).isEqualTo(302);
        var saved = editions.find(edition).orElseThrow();
        assertThat(saved.subject()).isEqualTo("Friday: strikes and libraries");
        assertThat(saved.intro()).isEqualTo("This week *matters*.");
    }

    @Test
    void aRefusedSaveWritesNothingNotEvenTheArticlesBeforeTheBadOne() throws Exception {
        var published = new TestArticles(context);
        editions.add(edition, published.publish(Language.EN, "Strikes", "Body.", List.of()), "News");
        editions.add(edition, published.publish(Language.EN, "Libraries", "Body.", List.of()), "Features");
        var items = editions.find(edition).orElseThrow().items();

        var response = mvc.perform(post("/newsroom/editions/" + edition)
                        .session(editor)
                        .with(csrf())
                        .param(
                                "version",
                                Long.toString(
                                        editions.find(edition).orElseThrow().version()))
                        .param("subject", "Friday")
                        .param("intro", "")
                        .param("heading-" + items.get(0).id(), "Changed")
                        .param("heading-" + items.get(1).id(), " "))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(editions.find(edition).orElseThrow().items())
                .extracting(Editions.Item::heading)
                .containsExactly("News", "Features");
        assertThat(editions.find(edition).orElseThrow().subject()).isEqualTo("The Week");
    }

    @Test
    void aSaveOvertakenByAnotherEditorsSaveIsRefusedNotSilentlyDropped() throws Exception {
        long opened = editions.find(edition).orElseThrow().version();
        String outcome;
        try (var other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            // another editor's save, under way: it holds the edition's row until it commits
            try (var theirs = other.prepareStatement(
                    "UPDATE edition SET subject = 'Theirs', version = version + 1 WHERE id = ?")) {
                theirs.setLong(1, edition);
                theirs.executeUpdate();
            }
            var mine = CompletableFuture.supplyAsync(() -> {
                try {
                    editions.save(edition, opened, new Editions.Changes("Mine", "", false, Map.of(), Map.of()));
                    return "saved";
                } catch (Editions.Refused refused) {
                    return refused.key();
                }
            });
            // mine has read the version it was opened at and waits for the row
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForALock() > 0);
            other.commit();
            outcome = mine.get(20, TimeUnit.SECONDS);
        }

        assertThat(outcome).isEqualTo("edition.problem.stale");
        assertThat(editions.find(edition).orElseThrow().subject()).isEqualTo("Theirs");
    }

    /** Sessions waiting for a row another holds, as each database reports them. */
    private long waitingForALock() throws Exception {
        try (var connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            String query = postgres
                    ? "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    : "SELECT count(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL";
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(query)) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private org.springframework.mock.web.MockHttpServletResponse save(String subject, String intro) throws Exception {
        return mvc.perform(post("/newsroom/editions/" + edition)
                        .session(editor)
                        .with(csrf())
                        .param(
                                "version",
                                Long.toString(
                                        editions.find(edition).orElseThrow().version()))
                        .param("subject", subject)
                        .param("intro", intro))
                .andReturn()
                .getResponse();
    }
}
