package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;
import press.tamizdat.web.PublicPaths;

/**
 * Updates and corrections as readers follow them: an edit the editor marks as material, and every
 * correction, shows "Updated" with the time on the article and its cards, a typo fix does not; the
 * corrections page and its feed list every correction note of the published articles.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ArticleUpdatesTests {

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

    StaffMember editor;
    MockHttpSession session;

    void signIn() throws Exception {
        String email = "updates-" + UUID.randomUUID() + "@example.org";
        editor = staff.create(email, "An editor", Role.EDITOR, PASSWORD, false);
        session = NewsroomLogin.signIn(mvc, email, PASSWORD);
    }

    long published(String headline) {
        long id = desk.create(
                        new ArticleContent(
                                Language.EN,
                                "updates-" + UUID.randomUUID().toString().substring(0, 8),
                                headline,
                                null,
                                "First body.",
                                sections.findBySlug("culture").orElseThrow().id(),
                                List.of("Someone"),
                                List.of(),
                                null),
                        editor)
                .articleId();
        desk.publish(id, editor);
        return id;
    }

    /** Saves the article through the editor with a new body and the fields given, as the browser posts them. */
    void save(long id, String body, String... fields) throws Exception {
        Article article = articles.findById(id).orElseThrow();
        var form = new LinkedHashMap<String, String>();
        form.put("version", String.valueOf(article.version()));
        form.put("slug", article.slug());
        form.put("language", "en");
        form.put("headline", article.headline());
        form.put("body", body);
        form.put("sectionId", String.valueOf(article.content().sectionId()));
        form.put("bylines", "Someone");
        form.put("action", "save");
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        var request = post("/newsroom/articles/" + id).session(session).with(csrf());
        form.forEach(request::param);
        mvc.perform(request).andExpect(status().is3xxRedirection());
    }

    Document page(String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    String path(long id) {
        return PublicPaths.article(
                Language.EN, articles.findById(id).orElseThrow().slug());
    }

    /** The "Updated" label of the article's card on its section's page, or an empty string. */
    String cardLabel(long id) throws Exception {
        var card = page(PublicPaths.section("culture"))
                .select("article.card:has(a[href=" + path(id) + "])")
                .first();
        assertThat(card).as("the article's card").isNotNull();
        return card.select("time.updated").text();
    }

    @Test
    void aTypoFixIsNotShownAsAnUpdateButAnEditMarkedMaterialIsOnThePageAndItsCard() throws Exception {
        signIn();
        long id = published("A story that develops " + UUID.randomUUID());
        var editorPage = Jsoup.parse(mvc.perform(get("/newsroom/articles/" + id).session(session))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(editorPage.select("input[name=materialUpdate]")).hasSize(1);

        save(id, "First body, without the typo.");

        assertThat(page(path(id)).select(".byline + .meta time.updated")).isEmpty();
        assertThat(cardLabel(id)).isEmpty();
        assertThat(page(path(id)).select(".article-body").text()).contains("without the typo");

        save(id, "The minister has since resigned.", "materialUpdate", "true");

        var updated = page(path(id)).select(".byline + .meta time.updated");
        assertThat(updated.text()).startsWith("Updated ");
        assertThat(updated.attr("datetime")).isNotBlank();
        assertThat(cardLabel(id)).isEqualTo(updated.text());
    }

    @Test
    void theMaterialUpdateChoiceIsOfferedOnlyOncePublished() throws Exception {
        signIn();
        long draft = desk.create(
                        new ArticleContent(
                                Language.EN,
                                "draft-" + UUID.randomUUID().toString().substring(0, 8),
                                "A draft",
                                null,
                                "Body.",
                                sections.findBySlug("culture").orElseThrow().id(),
                                List.of("Someone"),
                                List.of(),
                                null),
                        editor)
                .articleId();

        var editorPage =
                Jsoup.parse(mvc.perform(get("/newsroom/articles/" + draft).session(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(editorPage.select("textarea[name=correction]")).hasSize(1);
        assertThat(editorPage.select("input[name=materialUpdate]")).isEmpty();
    }

    @Test
    void aCorrectionShowsAsAnUpdateAndIsListedOnTheCorrectionsPageAndInItsFeed() throws Exception {
        signIn();
        String headline = "Figures <corrected> & checked " + UUID.randomUUID();
        long id = published(headline);
        String note = "An earlier version gave the wrong year <script>alert(1)</script>.";

        save(id, "First body.", "correction", note);

        var article = page(path(id));
        assertThat(article.select(".byline + .meta time.updated").text()).startsWith("Updated ");
        assertThat(article.select(".corrections").text()).contains(note);
        assertThat(cardLabel(id)).startsWith("Updated ");

        var list = page(PublicPaths.CORRECTIONS);
        var first = list.select("ol.corrections-list > li").first();
        assertThat(first).isNotNull();
        assertThat(first.select("a").attr("href")).isEqualTo(path(id));
        assertThat(first.select("a").text()).isEqualTo(headline);
        assertThat(first.select("p:not(.meta)").text()).isEqualTo(note);
        assertThat(list.select("script")).noneMatch(script -> script.data().contains("alert"));
        assertThat(page("/").select("footer a[href=" + PublicPaths.CORRECTIONS + "]"))
                .hasSize(1);

        var rss = mvc.perform(get(PublicPaths.CORRECTIONS_RSS))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(rss.getContentType()).startsWith("application/rss+xml");
        var feed = new SyndFeedInput().build(new StringReader(rss.getContentAsString()));
        var entry = feed.getEntries().getFirst();
        assertThat(entry.getTitle()).isEqualTo("Correction: " + headline);
        assertThat(entry.getLink()).endsWith(path(id));
        assertThat(entry.getDescription().getValue()).isEqualTo(note);
    }

    @Test
    void theCorrectionsOfAnUnpublishedArticleLeaveThePageAndTheFeed() throws Exception {
        signIn();
        long id = published("Withdrawn later " + UUID.randomUUID());
        String note = "Corrected before withdrawal " + UUID.randomUUID();
        save(id, "First body.", "correction", note);
        assertThat(page(PublicPaths.CORRECTIONS).text()).contains(note);

        desk.unpublish(id, editor);

        assertThat(page(PublicPaths.CORRECTIONS).text()).doesNotContain(note);
        assertThat(mvc.perform(get(PublicPaths.CORRECTIONS_RSS))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(note);
    }

    @Test
    void aCorrectionsPageBeyondTheLastIsNotFound() throws Exception {
        mvc.perform(get(PublicPaths.CORRECTIONS + "?page=0")).andExpect(status().isNotFound());
        mvc.perform(get(PublicPaths.CORRECTIONS + "?page=100000")).andExpect(status().isNotFound());
        mvc.perform(get(PublicPaths.CORRECTIONS + "?page=x")).andExpect(status().isBadRequest());
    }
}
