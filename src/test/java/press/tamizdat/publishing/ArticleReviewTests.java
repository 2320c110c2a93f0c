package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/**
 * The review step over HTTP, as the newsroom uses it: an author submits, editors find it waiting,
 * approve it or send it back with a note; a section's rule for approvals holds on the server, and
 * every step is in the revision history and the audit log.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ArticleReviewTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    ArticleDesk desk;

    @Autowired
    ArticleRepository articles;

    @Autowired
    Sections sections;

    @Autowired
    JdbcClient db;

    record Member(StaffMember member, MockHttpSession session) {}

    Member signedIn(Role role) throws Exception {
        String email = "review-" + role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
        var member =
                staff.create(email, "Reviewer " + UUID.randomUUID().toString().substring(0, 6), role, PASSWORD, false);
        return new Member(member, NewsroomLogin.signIn(mvc, email, PASSWORD));
    }

    /**
     * The Analysis section, asking for {@code approvals} editors, set by an admin on the sections
     * page (and set back to none after each test, so other tests publish there freely).
     */
    long section(int approvals) throws Exception {
        long id = sections.findBySlug("analysis").orElseThrow().id();
        var admin = signedIn(Role.ADMIN);
        mvc.perform(post("/newsroom/sections/" + id + "/approvals")
                        .session(admin.session())
                        .with(csrf())
                        .param("approvals", String.valueOf(approvals)))
                .andExpect(status().is3xxRedirection());
        return id;
    }

    @AfterEach
    void noReviewAnyMore() {
        db.sql("UPDATE section SET approvals = 0").update();
    }

    /** Presses "Save and publish" on the editor, with the article's fields as they are. */
    Document publishThroughEditor(Member who, long id) throws Exception {
        Article article = articles.findById(id).orElseThrow();
        var response = mvc.perform(post("/newsroom/articles/" + id)
                        .session(who.session())
                        .with(csrf())
                        .param("version", String.valueOf(article.version()))
                        .param("slug", article.slug())
                        .param("language", "en")
                        .param("headline", article.headline())
                        .param("body", "Body.")
                        .param("sectionId", String.valueOf(article.content().sectionId()))
                        .param("bylines", "Someone")
                        .param("action", "publish"))
                .andReturn()
                .getResponse();
        return Jsoup.parse(response.getContentAsString());
    }

    long draftBy(Member author, long sectionId) {
        return desk.create(
                        new ArticleContent(
                                Language.EN,
                                "reviewed-" + UUID.randomUUID().toString().substring(0, 8),
                                "A story to review",
                                null,
                                "Body.",
                                sectionId,
                                List.of("Someone"),
                                List.of(),
                                null),
                        author.member())
                .articleId();
    }

    int statusOf(Member who, String path, String... params) throws Exception {
        var request = post(path).session(who.session()).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    Document page(Member who, String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).session(who.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    /** The editor page after following a step's redirect, with its notice or problem. */
    Document after(Member who, String path, String... params) throws Exception {
        var request = post(path).session(who.session()).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        var result = mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
        var flash = result.getFlashMap();
        var next = get(result.getResponse().getRedirectedUrl()).session(who.session());
        flash.forEach(next::flashAttr);
        return Jsoup.parse(mvc.perform(next).andReturn().getResponse().getContentAsString());
    }

    List<String> audit(long id) {
        return db.sql("SELECT action FROM audit_entry WHERE subject LIKE :subject ORDER BY id")
                .param("subject", "article " + id + " (%")
                .query(String.class)
                .list();
    }

    @Test
    void anAuthorSubmitsAndAnotherEditorApprovesWhatTheAuthorCannot() throws Exception {
        long section = section(1);
        var author = signedIn(Role.AUTHOR);
        var editor = signedIn(Role.EDITOR);
        long id = draftBy(author, section);
        String path = "/newsroom/articles/" + id;

        assertThat(publishThroughEditor(author, id).select(".error").text())
                .contains("asks for approval before publication");
        assertThat(articles.findById(id).orElseThrow().status()).isEqualTo(ArticleStatus.DRAFT);

        var submitted = after(author, path + "/submit");
        assertThat(submitted.select(".notice").text()).contains("Submitted for review");
        assertThat(submitted.select(".review-state").text()).contains("Waiting for review");
        assertThat(submitted.select("form[action$=/approve]")).isEmpty();

        assertThat(statusOf(author, path + "/approve")).isEqualTo(403);
        var waiting = page(editor, "/newsroom/articles?review=waiting");
        assertThat(waiting.select("a[href=" + path + "]")).hasSize(1);
        var inSection = page(editor, "/newsroom/articles?review=waiting&section=" + section);
        assertThat(inSection.select("a[href=" + path + "]")).hasSize(1);
        assertThat(inSection.select("tbody tr .review").eachText()).containsOnly("waiting for review");

        var approved = after(editor, path + "/approve");
        assertThat(approved.select(".notice").text()).contains("Approved. It can now be published");
        assertThat(approved.select(".review-approvals").text())
                .contains(editor.member().name());
        assertThat(page(editor, "/newsroom/articles?review=waiting").select("a[href=" + path + "]"))
                .isEmpty();

        desk.publish(id, author.member());
        assertThat(articles.findById(id).orElseThrow().status()).isEqualTo(ArticleStatus.PUBLISHED);
        var history = page(author, path + "/revisions").select("tbody td").eachText();
        assertThat(history).contains("Submitted for review", "Approved");
        assertThat(audit(id)).containsSubsequence("article-submitted", "article-approved", "article-published");
    }

    @Test
    void aScheduledArticleIsHeldAtItsTimeWhenItsSectionNowAsksForMoreApprovals() throws Exception {
        long section = section(1);
        var author = signedIn(Role.AUTHOR);
        var editor = signedIn(Role.EDITOR);
        long id = draftBy(author, section);
        String path = "/newsroom/articles/" + id;
        after(author, path + "/submit");
        after(editor, path + "/approve");
        desk.schedule(
                id,
                java.time.Instant.now().plusSeconds(8).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                author.member());

        section(2);

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> articles.findById(id).orElseThrow().status() != ArticleStatus.SCHEDULED);
        assertThat(articles.findById(id).orElseThrow().status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(audit(id)).endsWith("article-held-for-review");
    }

    @Test
    void anEditorsOwnArticleNeedsAnotherEditor() throws Exception {
        long section = section(1);
        var editor = signedIn(Role.EDITOR);
        long id = draftBy(editor, section);
        String path = "/newsroom/articles/" + id;
        after(editor, path + "/submit");

        assertThat(statusOf(editor, path + "/approve")).isEqualTo(403);
        var publish = after(editor, path + "/submit");
        assertThat(publish.select(".error").text()).contains("already waiting");
        assertThat(articles.findById(id).orElseThrow().review()).isEqualTo(ReviewState.WAITING);
    }

    @Test
    void aSensitiveSectionPublishesOnlyOnceTwoEditorsAgree() throws Exception {
        long section = section(2);
        var author = signedIn(Role.AUTHOR);
        var first = signedIn(Role.EDITOR);
        var second = signedIn(Role.EDITOR);
        long id = draftBy(author, section);
        String path = "/newsroom/articles/" + id;
        after(author, path + "/submit");

        var one = after(first, path + "/approve");
        assertThat(one.select(".notice").text()).contains("another editor’s approval");
        assertThat(after(first, path + "/approve").select(".error").text()).contains("already approved");
        assertThat(publishThroughEditor(first, id).select(".error").text())
                .contains("asks for approval before publication");
        assertThat(articles.findById(id).orElseThrow().status()).isEqualTo(ArticleStatus.DRAFT);

        after(second, path + "/approve");
        desk.publish(id, first.member());
        assertThat(articles.findById(id).orElseThrow().status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void anArticleSentBackCarriesTheNoteToItsAuthorAndIntoTheHistory() throws Exception {
        long section = section(1);
        var contributor = signedIn(Role.CONTRIBUTOR);
        var editor = signedIn(Role.EDITOR);
        long id = draftBy(contributor, section);
        String path = "/newsroom/articles/" + id;
        after(contributor, path + "/submit");

        var empty = after(editor, path + "/send-back", "note", "   ");
        assertThat(empty.select(".error").text()).contains("Say in a note");
        String note = "Name the second <source> & date it.";
        after(editor, path + "/send-back", "note", note);

        var seen = page(contributor, path);
        assertThat(seen.select(".review-state").text()).contains("Sent back");
        assertThat(seen.select(".review-note").text()).isEqualTo(note);
        assertThat(seen.select("form[action$=/submit]")).hasSize(1);
        assertThat(page(contributor, path + "/revisions").select("q.remark").text())
                .isEqualTo(note);
        assertThat(audit(id)).containsSubsequence("article-submitted", "article-sent-back");
    }

    @Test
    void onlyAdminsSetASectionsApprovalsAndOnlyToZeroOneOrTwo() throws Exception {
        long section = section(0);
        var editor = signedIn(Role.EDITOR);
        var admin = signedIn(Role.ADMIN);

        assertThat(statusOf(editor, "/newsroom/sections/" + section + "/approvals", "approvals", "0"))
                .isEqualTo(403);
        assertThat(statusOf(admin, "/newsroom/sections/" + section + "/approvals", "approvals", "3"))
                .isEqualTo(400);
        assertThat(statusOf(admin, "/newsroom/sections/" + section + "/approvals", "approvals", "one"))
                .isEqualTo(400);
        assertThat(statusOf(admin, "/newsroom/sections/987654321/approvals", "approvals", "1"))
                .isEqualTo(404);
        assertThat(statusOf(admin, "/newsroom/sections/" + section + "/approvals", "approvals", "2"))
                .isEqualTo(302);
        var listed = page(admin, "/newsroom/sections");
        assertThat(listed.select("#approvals-" + section + " option[selected]").attr("value"))
                .isEqualTo("2");
    }
}
