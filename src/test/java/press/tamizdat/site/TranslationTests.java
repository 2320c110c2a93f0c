package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
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

/** An article linked to its translation: both pages carry hreflang alternates and a link to the other. */
@SpringBootTest(properties = "tamizdat.site.url=https://news.example")
@AutoConfigureMockMvc
class TranslationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    StaffAccounts staff;

    TestArticles articles;
    MockHttpSession editor;

    @BeforeEach
    void setUp() throws Exception {
        articles = new TestArticles(context);
        String email = "translator-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Translator", Role.EDITOR, "correct horse battery", false);
        editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }

    Document page(String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());
    }

    String link(long id, String address) throws Exception {
        var result = mvc.perform(post("/newsroom/articles/" + id + "/translation")
                        .session(editor)
                        .with(csrf())
                        .param("address", address))
                .andReturn();
        Object problem = result.getFlashMap().get("problem");
        return problem == null ? "" : problem.toString();
    }

    @Test
    void pagesNameSectionsInTheirOwnLanguage() throws Exception {
        long russian = articles.publish(Language.RU, "Мост открыт", "Текст.", List.of(), "features");
        long english = articles.publish(Language.EN, "Bridge open", "Body.", List.of(), "features");

        var ru = page(articles.path(russian));
        assertThat(ru.selectFirst(".section-label").text()).isEqualTo("Репортажи");
        assertThat(ru.select(".site-nav a").eachText()).contains("Новости", "Репортажи", "Аналитика", "Культура");
        var en = page(articles.path(english));
        assertThat(en.selectFirst(".section-label").text()).isEqualTo("Features");
        assertThat(en.select(".site-nav a").eachText()).contains("News", "Features", "Analysis", "Culture");
    }

    @Test
    void linkedTranslationsCarryHreflangAlternatesBothWays() throws Exception {
        long english = articles.publish(Language.EN, "Bridge closed", "Body.", List.of());
        long russian = articles.publish(Language.RU, "Мост закрыт", "Текст.", List.of());

        assertThat(link(english, articles.path(russian))).isEmpty();

        var en = page(articles.path(english));
        assertThat(en.select("link[rel=alternate][hreflang=ru]").attr("href"))
                .isEqualTo("https://news.example" + articles.path(russian));
        assertThat(en.select("link[rel=alternate][hreflang=en]").attr("href"))
                .isEqualTo("https://news.example" + articles.path(english));
        assertThat(en.select(".translation-link a").attr("href")).isEqualTo(articles.path(russian));
        var ru = page(articles.path(russian));
        assertThat(ru.select("link[rel=alternate][hreflang=en]").attr("href"))
                .isEqualTo("https://news.example" + articles.path(english));
        assertThat(ru.select(".translation-link a").text()).isEqualTo("Read in English");
    }

    @Test
    void linkingAnotherTranslationUnlinksTheFormerOne() throws Exception {
        long english = articles.publish(Language.EN, "Strike", "Body.", List.of());
        long first = articles.publish(Language.RU, "Забастовка", "Текст.", List.of());
        long second = articles.publish(Language.RU, "Забастовка, версия два", "Текст.", List.of());
        link(english, articles.path(first));

        link(english, articles.path(second));

        assertThat(page(articles.path(first)).select("link[hreflang]")).isEmpty();
        assertThat(page(articles.path(second)).select(".translation-link a").attr("href"))
                .isEqualTo(articles.path(english));
    }

    @Test
    void refusesAnAddressInTheSameLanguageOrNowhere() throws Exception {
        long english = articles.publish(Language.EN, "Alone", "Body.", List.of());
        long otherEnglish = articles.publish(Language.EN, "Also English", "Body.", List.of());

        assertThat(link(english, articles.path(otherEnglish))).isEqualTo("article.error.translation-language");
        assertThat(link(
                        english,
                        "/ru/no-such-article-" + UUID.randomUUID().toString().substring(0, 6)))
                .isEqualTo("article.error.translation-missing");
        assertThat(link(english, "not an address")).isEqualTo("article.error.translation-address");
    }
}
