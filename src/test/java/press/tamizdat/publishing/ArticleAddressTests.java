package press.tamizdat.publishing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/** What a reader gets at an article's address as the article changes: 200, 301, 404, 410. */
@SpringBootTest
@AutoConfigureMockMvc
class ArticleAddressTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ArticleDesk desk;

    @Autowired
    ArticleRepository articles;

    @Autowired
    StaffAccounts staff;

    @Autowired
    Sections sections;

    StaffMember editor;
    String slug;

    @BeforeEach
    void setUp() {
        editor = staff.create(
                "ed-" + UUID.randomUUID() + "@example.org", "Ed", Role.EDITOR, "correct horse battery", false);
        slug = "address-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long published(String slug) {
        long id = desk.create(articleContent(slug), editor).articleId();
        desk.publish(id, editor);
        return id;
    }

    ArticleContent articleContent(String slug) {
        return new ArticleContent(
                Language.EN,
                slug,
                "The headline of " + slug,
                null,
                "The body.",
                sections.findBySlug("news").orElseThrow().id(),
                List.of("Ed"),
                List.of(),
                null);
    }

    void moveTo(long id, String newSlug) {
        desk.revise(id, articles.findById(id).orElseThrow().version(), articleContent(newSlug), null, false, editor);
    }

    @Test
    void publishedArticleIsReadableAtItsAddress() throws Exception {
        published(slug);

        mvc.perform(get("/en/" + slug).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("The headline of " + slug)));
    }

    @Test
    void oldSlugAnswersPermanentRedirectToTheNewOne() throws Exception {
        long id = published(slug);

        moveTo(id, slug + "-renamed");

        mvc.perform(get("/en/" + slug))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/en/" + slug + "-renamed"));
    }

    @Test
    void everyEarlierSlugRedirectsToTheCurrentOne() throws Exception {
        long id = published(slug);
        moveTo(id, slug + "-second");

        moveTo(id, slug + "-third");

        mvc.perform(get("/en/" + slug)).andExpect(header().string("Location", "/en/" + slug + "-third"));
        mvc.perform(get("/en/" + slug + "-second")).andExpect(header().string("Location", "/en/" + slug + "-third"));
    }

    @Test
    void draftIsNotFound() throws Exception {
        desk.create(articleContent(slug), editor);

        mvc.perform(get("/en/" + slug).accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
    }

    @Test
    void unpublishedArticleIsGone() throws Exception {
        long id = published(slug);

        desk.unpublish(id, editor);

        mvc.perform(get("/en/" + slug).accept(MediaType.TEXT_HTML))
                .andExpect(status().isGone())
                .andExpect(
                        content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
    }

    @Test
    void articleIsNotReadableUnderTheOtherLanguage() throws Exception {
        published(slug);

        mvc.perform(get("/ru/" + slug).accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
    }

    @Test
    void homePageListsPublishedArticlesButNotDrafts() throws Exception {
        published(slug);
        desk.create(articleContent(slug + "-draft"), editor);

        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/en/" + slug + "\"")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(slug + "-draft"))));
    }
}
