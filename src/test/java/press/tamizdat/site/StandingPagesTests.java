package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;
import org.jsoup.Jsoup;
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
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.StandingPages;

/** About, Contact and the versioned Privacy Policy: readable by all, edited by editors in the newsroom. */
@SpringBootTest
@AutoConfigureMockMvc
class StandingPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    StandingPages pages;

    @Autowired
    JdbcClient db;

    MockHttpSession signedIn(Role role) throws Exception {
        String email = "pages-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Pages " + role, role, "correct horse battery", false);
        return NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }

    long privacyId() {
        return db.sql("SELECT id FROM page WHERE slug = 'privacy' AND language = 'EN'")
                .query(Long.class)
                .single();
    }

    /** The lock version the page's form carries when it is opened now. */
    String opened() {
        return db.sql("SELECT lock_version FROM page WHERE id = :id")
                .param("id", privacyId())
                .query(String.class)
                .single();
    }

    @Test
    void aFormOpenedBeforeAnotherSaveIsRefusedAndKeepsWhatWasTyped() throws Exception {
        var first = signedIn(Role.EDITOR);
        var second = signedIn(Role.EDITOR);
        String stale = opened();
        mvc.perform(post("/newsroom/pages/" + privacyId())
                        .session(first)
                        .with(csrf())
                        .param("lockVersion", stale)
                        .param("title", "Privacy Policy")
                        .param("body", "The first editor's text."))
                .andExpect(status().is3xxRedirection());

        var refused = mvc.perform(post("/newsroom/pages/" + privacyId())
                        .session(second)
                        .with(csrf())
                        .param("lockVersion", stale)
                        .param("title", "Privacy Policy")
                        .param("body", "The second editor's older form."))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var form = Jsoup.parse(refused);
        assertThat(form.select(".field-error").text()).contains("Someone saved this page after you opened it");
        assertThat(form.select("#body").text()).isEqualTo("The second editor's older form.");
        assertThat(db.sql("SELECT body FROM page WHERE id = :id")
                        .param("id", privacyId())
                        .query(String.class)
                        .single())
                .isEqualTo("The first editor's text.");
        assertThat(form.select("input[name=lockVersion]").val()).isNotEqualTo(stale);
    }

    @Test
    void everyStandingPageIsLinkedFromTheFooterAndReadable() throws Exception {
        var home = Jsoup.parse(mvc.perform(get("/")).andReturn().getResponse().getContentAsString());
        var links = home.select("footer a").eachAttr("href");

        assertThat(links).contains("/about", "/contact", "/privacy");
        for (String path : new String[] {"/about", "/contact", "/privacy"}) {
            mvc.perform(get(path)).andExpect(status().isOk());
        }
    }

    @Test
    void editorPublishesANewVersionOfThePrivacyPolicy() throws Exception {
        var editor = signedIn(Role.EDITOR);
        int before = pages.privacyPolicyVersion(Language.EN);
        String text = "We keep nothing " + UUID.randomUUID() + ".";

        mvc.perform(post("/newsroom/pages/" + privacyId())
                        .session(editor)
                        .with(csrf())
                        .param("lockVersion", opened())
                        .param("title", "Privacy Policy")
                        .param("body", text)
                        .param("newVersion", "true"))
                .andExpect(status().is3xxRedirection());

        assertThat(pages.privacyPolicyVersion(Language.EN)).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var page = Jsoup.parse(
                    mvc.perform(get("/privacy")).andReturn().getResponse().getContentAsString());
            assertThat(page.select(".article-body").text()).isEqualTo(text);
            assertThat(page.select(".meta").text()).startsWith("Version " + (before + 1));
        });
    }

    @Test
    void correctingATypoKeepsTheVersion() throws Exception {
        var editor = signedIn(Role.ADMIN);
        int before = pages.privacyPolicyVersion(Language.EN);

        mvc.perform(post("/newsroom/pages/" + privacyId())
                        .session(editor)
                        .with(csrf())
                        .param("lockVersion", opened())
                        .param("title", "Privacy Policy")
                        .param("body", "A corrected typo."))
                .andExpect(status().is3xxRedirection());

        assertThat(pages.privacyPolicyVersion(Language.EN)).isEqualTo(before);
    }

    @Test
    void authorCannotChangeAPage() throws Exception {
        var author = signedIn(Role.AUTHOR);

        mvc.perform(post("/newsroom/pages/" + privacyId())
                        .session(author)
                        .with(csrf())
                        .param("title", "Defaced")
                        .param("body", "Defaced."))
                .andExpect(status().isForbidden());
    }

    @Test
    void missingTitleIsExplainedAndTheTextKept() throws Exception {
        var editor = signedIn(Role.EDITOR);

        String page = mvc.perform(post("/newsroom/pages/" + privacyId())
                        .session(editor)
                        .with(csrf())
                        .param("lockVersion", opened())
                        .param("title", " ")
                        .param("body", "Kept text."))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var document = Jsoup.parse(page);
        assertThat(document.select("#body").text()).isEqualTo("Kept text.");
        assertThat(document.select(".field-error").text()).contains("A title is required");
    }
}
