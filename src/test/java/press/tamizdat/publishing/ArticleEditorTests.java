package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/** The editor over HTTP, as a browser without script uses it; roles hold even for crafted requests. */
@SpringBootTest
@AutoConfigureMockMvc
class ArticleEditorTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    ArticleRepository articles;

    @Autowired
    ArticleDesk desk;

    @Autowired
    Sections sections;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient db;

    record Member(StaffMember member, MockHttpSession session) {}

    Member signedIn(Role role) throws Exception {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
        var member = staff.create(email, "A " + role.name().toLowerCase(), role, PASSWORD, false);
        return new Member(member, NewsroomLogin.signIn(mvc, email, PASSWORD));
    }

    long draftBy(StaffMember author) {
        return desk.create(
                        new ArticleContent(
                                Language.EN,
                                "draft-" + UUID.randomUUID().toString().substring(0, 8),
                                "A draft",
                                null,
                                "Body.",
                                sections.findBySlug("news").orElseThrow().id(),
                                List.of("Someone"),
                                List.of(),
                                null),
                        author)
                .articleId();
    }

    @Test
    void contributorCannotPublishEvenByCraftingTheRequest() throws Exception {
        var contributor = signedIn(Role.CONTRIBUTOR);
        long id = draftBy(contributor.member());
        Article draft = articles.findById(id).orElseThrow();

        mvc.perform(post("/newsroom/articles/" + id)
                        .session(contributor.session())
                        .with(csrf())
                        .param("version", String.valueOf(draft.version()))
                        .param("slug", draft.slug())
                        .param("language", "en")
                        .param("headline", "A draft")
                        .param("body", "Body.")
                        .param(
                                "sectionId",
                                String.valueOf(sections.findBySlug("news")
                                        .orElseThrow()
                                        .id()))
                        .param("bylines", "Someone")
                        .param("action", "publish"))
                .andExpect(status().isForbidden());

        assertThat(articles.findById(id).orElseThrow().status()).isEqualTo(ArticleStatus.DRAFT);
    }

    @Test
    void controlCharactersTypedIntoAnArticleAreDroppedAndLineEndsKept() throws Exception {
        var author = signedIn(Role.AUTHOR);
        long id = draftBy(author.member());

        var response = saveDraft(
                author,
                id,
                "headline",
                "Null\u0000 and vertical\u000B tab",
                "body",
                "First line.\r\nSecond\u001B line.");

        assertThat(response.getStatus()).isBetween(300, 399);
        var saved = articles.findById(id).orElseThrow().content();
        assertThat(saved.headline()).isEqualTo("Null and vertical tab");
        assertThat(saved.body()).isEqualTo("First line.\nSecond line.");
    }

    @Test
    void aContributorSeesOnlyTheirOwnArticlesAndRevisions() throws Exception {
        var contributor = signedIn(Role.CONTRIBUTOR);
        var author = signedIn(Role.AUTHOR);
        long own = draftBy(contributor.member());
        long others = draftBy(author.member());

        mvc.perform(get("/newsroom/articles/" + own).session(contributor.session()))
                .andExpect(status().isOk());
        mvc.perform(get("/newsroom/articles/" + others).session(contributor.session()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/newsroom/articles/" + others + "/revisions").session(contributor.session()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/newsroom/articles/" + others + "/revisions/1").session(contributor.session()))
                .andExpect(status().isForbidden());
        var list = Jsoup.parse(mvc.perform(
                        get("/newsroom/articles?author=" + author.member().id()).session(contributor.session()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(list.select("a[href='/newsroom/articles/" + others + "']")).isEmpty();
        var ownList = Jsoup.parse(mvc.perform(get("/newsroom/articles").session(contributor.session()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(ownList.select("a[href='/newsroom/articles/" + own + "']")).hasSize(1);
    }

    @Test
    void anEditorSeesEveryonesDrafts() throws Exception {
        var contributor = signedIn(Role.CONTRIBUTOR);
        var editor = signedIn(Role.EDITOR);
        long draft = draftBy(contributor.member());

        mvc.perform(get("/newsroom/articles/" + draft).session(editor.session()))
                .andExpect(status().isOk());
        mvc.perform(get("/newsroom/articles/" + draft + "/revisions").session(editor.session()))
                .andExpect(status().isOk());
    }

    /** Saves the author's draft with the fields given over a valid form's, as the editor posts them. */
    org.springframework.mock.web.MockHttpServletResponse saveDraft(Member author, long id, String... fields)
            throws Exception {
        Article draft = articles.findById(id).orElseThrow();
        var form = new java.util.LinkedHashMap<String, String>();
        form.put("version", String.valueOf(draft.version()));
        form.put("slug", draft.slug());
        form.put("language", "en");
        form.put("headline", "A draft");
        form.put("body", "Body.");
        form.put(
                "sectionId",
                String.valueOf(sections.findBySlug("news").orElseThrow().id()));
        form.put("bylines", "Someone");
        form.put("action", "save");
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        var request = post("/newsroom/articles/" + id).session(author.session()).with(csrf());
        form.forEach(request::param);
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void fieldsLongerThanTheirLimitComeBackWithTheLimitAndNothingIsSaved() throws Exception {
        var author = signedIn(Role.AUTHOR);
        long id = draftBy(author.member());
        var tooLong = java.util.Map.of(
                "leadCaption", "c".repeat(700),
                "leadCredit", "c".repeat(300),
                "leadVideoUrl", "https://www.youtube.com/watch?v=" + "a".repeat(700),
                "correction", "c".repeat(2_500));

        for (var field : tooLong.entrySet()) {
            var response = saveDraft(
                    author,
                    id,
                    "leadKind",
                    "video",
                    "leadVideoUrl",
                    field.getKey().equals("leadVideoUrl") ? field.getValue() : "https://www.youtube.com/watch?v=abc",
                    field.getKey(),
                    field.getValue());

            assertThat(response.getStatus()).as(field.getKey()).isEqualTo(200);
            var page = Jsoup.parse(response.getContentAsString());
            assertThat(page.select(".field-error").text()).as(field.getKey()).contains("too long: at most");
            assertThat(page.select("#" + field.getKey() + "-limit").text())
                    .as(field.getKey())
                    .startsWith("At most");
        }
        assertThat(articles.findById(id).orElseThrow().content().lead()).isNull();
    }

    @Test
    void aBodyOfSixHundredThousandLineEndsIsSavedWithItsRevision() throws Exception {
        var author = signedIn(Role.AUTHOR);
        long id = draftBy(author.member());

        var response = saveDraft(author, id, "body", "\r\n".repeat(600_000));

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(articles.findById(id).orElseThrow().content().body()).hasSize(600_000);
    }

    @Test
    void aPreviewStoresNoUploadedPhoto() throws Exception {
        var author = signedIn(Role.AUTHOR);
        long before = db.sql("SELECT COUNT(*) FROM media").query(Long.class).single();

        var response = mvc.perform(multipart("/newsroom/articles")
                        .file(new MockMultipartFile(
                                "leadPhoto", "photo.png", "image/png", TestImages.encode(64, 64, "png")))
                        .session(author.session())
                        .with(csrf())
                        .param("language", "en")
                        .param("headline", "Previewed")
                        .param("body", "Body.")
                        .param(
                                "sectionId",
                                String.valueOf(sections.findBySlug("news")
                                        .orElseThrow()
                                        .id()))
                        .param("bylines", "Someone")
                        .param("leadKind", "photo")
                        .param("leadAlt", "A square")
                        .param("action", "preview"))
                .andReturn()
                .getResponse();

        assertThat(Jsoup.parse(response.getContentAsString())
                        .select(".field-error")
                        .text())
                .contains("A preview keeps no photo");
        assertThat(db.sql("SELECT COUNT(*) FROM media").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void contributorSeesNoPublishButton() throws Exception {
        var contributor = signedIn(Role.CONTRIBUTOR);
        long id = draftBy(contributor.member());

        String page = mvc.perform(get("/newsroom/articles/" + id).session(contributor.session()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(page).select("button[value=publish], button[value=schedule]"))
                .isEmpty();
    }

    @Test
    void authorCannotUnpublishAnotherAuthorsArticleByCraftingTheRequest() throws Exception {
        var owner = signedIn(Role.AUTHOR);
        var other = signedIn(Role.AUTHOR);
        long id = draftBy(owner.member());
        desk.publish(id, owner.member());

        mvc.perform(post("/newsroom/articles/" + id + "/unpublish")
                        .session(other.session())
                        .with(csrf()))
                .andExpect(status().isForbidden());

        assertThat(articles.findById(id).orElseThrow().status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void authorWritesAndPublishesAnArticleWithAPhoto() throws Exception {
        var author = signedIn(Role.AUTHOR);
        var photo =
                new MockMultipartFile("leadPhoto", "photo.jpg", "image/jpeg", TestImages.jpegWithGpsAndCamera(1, 2));
        String slug = "with-photo-" + UUID.randomUUID().toString().substring(0, 8);

        var result = mvc.perform(multipart("/newsroom/articles")
                        .file(photo)
                        .session(author.session())
                        .with(csrf())
                        .param("language", "en")
                        .param("slug", slug)
                        .param("headline", "With a photo")
                        .param("body", "The **body**.")
                        .param("bylines", "A. Author")
                        .param(
                                "sectionId",
                                String.valueOf(sections.findBySlug("news")
                                        .orElseThrow()
                                        .id()))
                        .param("leadKind", "photo")
                        .param("leadAlt", "A blue square with an orange circle")
                        .param("leadCredit", "Photo: A. Author")
                        .param("action", "publish"))
                .andExpect(status().is3xxRedirection())
                .andReturn();

        assertThat(result.getFlashMap().get("notice")).isEqualTo("article.notice.published");
        String page = mvc.perform(get("/en/" + slug))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var image = Jsoup.parse(page).selectFirst("figure.lead img");
        assertThat(image).isNotNull();
        assertThat(image.attr("alt")).isEqualTo("A blue square with an orange circle");
        assertThat(image.attr("srcset")).contains("320w", "1600w");
        mvc.perform(get(image.attr("src"))).andExpect(status().isOk());
    }

    @Test
    void refusedUploadKeepsEverythingTypedAndSaysWhy() throws Exception {
        var author = signedIn(Role.AUTHOR);
        var notAPicture = new MockMultipartFile("leadPhoto", "notes.jpg", "image/jpeg", "plain text".getBytes());
        long before = articles.count();

        String page = mvc.perform(multipart("/newsroom/articles")
                        .file(notAPicture)
                        .session(author.session())
                        .with(csrf())
                        .param("language", "en")
                        .param("headline", "Kept headline")
                        .param("body", "Kept body text.")
                        .param("bylines", "A. Author")
                        .param(
                                "sectionId",
                                String.valueOf(sections.findBySlug("news")
                                        .orElseThrow()
                                        .id()))
                        .param("leadKind", "photo")
                        .param("leadAlt", "Kept alt"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var document = Jsoup.parse(page);
        assertThat(document.select("#headline").val()).isEqualTo("Kept headline");
        assertThat(document.select("#body").text()).isEqualTo("Kept body text.");
        assertThat(document.select("#leadAlt").val()).isEqualTo("Kept alt");
        assertThat(document.select(".field-error").text()).contains("not a picture we can read");
        assertThat(articles.count()).isEqualTo(before);
    }

    @Test
    void missingHeadlineIsExplainedAndTheBodyKept() throws Exception {
        var author = signedIn(Role.AUTHOR);

        String page = mvc.perform(post("/newsroom/articles")
                        .session(author.session())
                        .with(csrf())
                        .param("language", "en")
                        .param("headline", " ")
                        .param("body", "Unsaved words.")
                        .param(
                                "sectionId",
                                String.valueOf(sections.findBySlug("news")
                                        .orElseThrow()
                                        .id())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var document = Jsoup.parse(page);
        assertThat(document.select("#body").text()).isEqualTo("Unsaved words.");
        assertThat(document.select(".field-error").text()).contains("A headline is required.");
    }

    @Test
    void editorSchedulesThroughTheForm() throws Exception {
        var editor = signedIn(Role.EDITOR);
        long id = draftBy(editor.member());
        Article draft = articles.findById(id).orElseThrow();

        mvc.perform(post("/newsroom/articles/" + id)
                        .session(editor.session())
                        .with(csrf())
                        .param("version", String.valueOf(draft.version()))
                        .param("slug", draft.slug())
                        .param("language", "en")
                        .param("headline", "A draft")
                        .param("body", "Body.")
                        .param(
                                "sectionId",
                                String.valueOf(sections.findBySlug("news")
                                        .orElseThrow()
                                        .id()))
                        .param("bylines", "Someone")
                        .param("publishAt", "2099-01-01T09:30")
                        .param("action", "schedule"))
                .andExpect(status().is3xxRedirection());

        Article article = articles.findById(id).orElseThrow();
        assertThat(article.status()).isEqualTo(ArticleStatus.SCHEDULED);
        assertThat(article.publishAt()).isEqualTo(java.time.Instant.parse("2099-01-01T09:30:00Z"));
    }

    @Test
    void articleListFiltersByStatus() throws Exception {
        var editor = signedIn(Role.EDITOR);
        long draft = draftBy(editor.member());
        long published = draftBy(editor.member());
        desk.publish(published, editor.member());

        String page = mvc.perform(
                        get("/newsroom/articles").param("status", "PUBLISHED").session(editor.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var links = Jsoup.parse(page).select("table.articles a").eachAttr("href");
        assertThat(links).contains("/newsroom/articles/" + published).doesNotContain("/newsroom/articles/" + draft);
    }

    @Test
    void unpublishingTwiceExplainsInsteadOfFailing() throws Exception {
        var editor = signedIn(Role.EDITOR);
        long id = draftBy(editor.member());
        desk.publish(id, editor.member());
        mvc.perform(post("/newsroom/articles/" + id + "/unpublish")
                .session(editor.session())
                .with(csrf()));
        mvc.perform(get("/newsroom/articles/" + id).session(editor.session()));

        mvc.perform(post("/newsroom/articles/" + id + "/unpublish")
                        .session(editor.session())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        String page = mvc.perform(get("/newsroom/articles/" + id).session(editor.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(page).select("p.error").text()).isEqualTo("The article is not published.");
    }

    @Test
    void livePreviewRendersSanitizedHtml() throws Exception {
        var author = signedIn(Role.AUTHOR);

        String html = mvc.perform(post("/newsroom/preview")
                        .session(author.session())
                        .with(csrf())
                        .param("body", "**bold** <script>alert(1)</script>"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("<strong>bold</strong>").doesNotContain("<script>");
    }
}
