package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;

/** The subscriber list in the newsroom: import with its consent source, export, suppression, erasure; admins only. */
@SpringBootTest
@AutoConfigureMockMvc
class SubscribersDeskTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    StaffAccounts staff;

    @Autowired
    Newsletters newsletters;

    MockHttpSession admin;

    @BeforeEach
    void signIn() throws Exception {
        String email = "admin-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Admin", Role.ADMIN, "correct horse battery", false);
        admin = NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }

    void importCsv(String csv, String source) throws Exception {
        mvc.perform(multipart("/newsroom/subscribers/import")
                .file(new MockMultipartFile("file", "list.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .param("newsletter", Long.toString(newsletters.all().getFirst().id()))
                .param("source", source)
                .session(admin)
                .with(csrf()));
    }

    @Test
    void ghostsMembersExportAddsTheSubscribedWithWhenTheyJoined() throws Exception {
        importCsv("""
                id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers
                6412,Ghost.Reader@Example.org,"Reader, Ghost",,true,false,,2021-04-01T10:20:30.000Z,,"Import, VIP",
                6413,ghost.unsubscribed@example.org,Gone,,false,false,,2022-01-01T00:00:00.000Z,,,
                """, "Ghost members export");

        var page = Jsoup.parse(mvc.perform(get("/newsroom/subscribers").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
        long id = idOf("ghost.reader@example.org");
        var consent = db.sql("SELECT given_at, source FROM consent WHERE subscriber_id = :id")
                .param("id", id)
                .query((rs, n) -> java.util.List.of(
                        rs.getObject("given_at", java.time.OffsetDateTime.class)
                                .toInstant()
                                .toString(),
                        rs.getString("source")))
                .single();

        assertThat(consent.get(0)).isEqualTo("2021-04-01T10:20:30Z");
        assertThat(consent.get(1)).isEqualTo("import: Ghost members export · agreed 2021-04-01T10:20:30Z");
        assertThat(db.sql("SELECT COUNT(*) FROM subscriber WHERE email = 'ghost.unsubscribed@example.org'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(page.select("[role=status]").text()).contains("1 not added: the file says they are not subscribed.");
    }

    @Test
    void aListWithConsentColumnsKeepsWhereAndWhenEachPersonAgreed() throws Exception {
        importCsv("""
                email;consent_given_at;consent_source
                provenance.one@example.org;2020-09-14 08:00:00;signup form on old site, policy v3
                provenance.two@example.org;2019-02-01;"paper list; festival, 2019"
                """, "list from the old CRM");

        var sources = db.sql("""
                        SELECT c.source FROM consent c JOIN subscriber s ON s.id = c.subscriber_id
                        WHERE s.email LIKE 'provenance.%' ORDER BY s.email
                        """).query(String.class).list();

        assertThat(sources)
                .containsExactly(
                        "import: list from the old CRM · signup form on old site, policy v3 · agreed 2020-09-14T08:00:00Z",
                        "import: list from the old CRM · paper list; festival, 2019 · agreed 2019-02-01T00:00:00Z");
    }

    long idOf(String email) {
        return db.sql("SELECT id FROM subscriber WHERE email = :e")
                .param("e", email)
                .query(Long.class)
                .single();
    }

    @Test
    void importsValidAddressesAsConfirmedWithTheirSourceAndReportsTheRest() throws Exception {
        importCsv(
                "email,name\nImported.One@Example.org,One\nnot-an-address,Two\nimported.two@example.org\nimported.one@example.org\n",
                "the old list, 2025 export");

        var page = Jsoup.parse(mvc.perform(get("/newsroom/subscribers").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("[role=status]").text())
                .contains("Imported 2; 1 already known; 1 lines refused", "Refused lines: [3]");
        assertThat(db.sql("SELECT status FROM subscriber WHERE email = 'imported.one@example.org'")
                        .query(String.class)
                        .single())
                .isEqualTo("CONFIRMED");
        assertThat(db.sql("SELECT source FROM consent WHERE subscriber_id = :id")
                        .param("id", idOf("imported.two@example.org"))
                        .query(String.class)
                        .single())
                .isEqualTo("import: the old list, 2025 export");
    }

    @Test
    void exportsEveryoneAsCsvWithFormulasDefused() throws Exception {
        importCsv("export.me@example.org\n", "=HYPERLINK(\"x\")");

        var response = mvc.perform(get("/newsroom/subscribers.csv").session(admin))
                .andReturn()
                .getResponse();

        assertThat(response.getContentType()).startsWith("text/csv");
        String csv = response.getContentAsString();
        assertThat(csv).startsWith("email,status,language,created_at,confirmed_at,newsletters");
        assertThat(csv).contains("export.me@example.org,CONFIRMED,en,");
        assertThat(csv).contains("\"import: =HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void erasingAPersonRemovesTheAddressSubscriptionsAndConsents() throws Exception {
        importCsv("erase.me@example.org\n", "a petition");
        long id = idOf("erase.me@example.org");

        mvc.perform(
                post("/newsroom/subscribers/" + id + "/erase").session(admin).with(csrf()));

        assertThat(db.sql("SELECT COUNT(*) FROM subscriber WHERE id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM consent WHERE subscriber_id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM subscription WHERE subscriber_id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aSuppressedAddressGetsNoConfirmationWhenSignedUpAgain() throws Exception {
        importCsv("suppress.me@example.org\n", "a petition");
        long id = idOf("suppress.me@example.org");
        mvc.perform(
                post("/newsroom/subscribers/" + id + "/suppress").session(admin).with(csrf()));

        mvc.perform(post("/newsletter")
                .param("email", "suppress.me@example.org")
                .param("newsletter", Long.toString(newsletters.all().getFirst().id())));

        assertThat(db.sql("SELECT status FROM subscriber WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("SUPPRESSED");
        assertThat(db.sql("SELECT last_mailed_at IS NULL FROM subscriber WHERE id = :id")
                        .param("id", id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void onlyAdminsSeeTheList() throws Exception {
        String email = "editor-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Editor", Role.EDITOR, "correct horse battery", false);
        var editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");

        assertThat(mvc.perform(get("/newsroom/subscribers").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/newsroom/subscribers.csv").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }
}
