package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * The two language editions over HTTP: the site's language at the root, Russian under {@code /ru},
 * each front page, section page and feed with its own language's articles, named in it, a link to
 * the other edition on every page, and {@code hreflang} tying them together.
 */
@SpringBootTest(properties = "tamizdat.site.url=https://news.example")
@AutoConfigureMockMvc
class LanguageEditionsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    Document page(String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void eachEditionsFrontAndSectionPagesShowItsOwnLanguagesArticlesInItsLanguage() throws Exception {
        var test = new TestArticles(context);
        String english = "Edition test in English " + UUID.randomUUID();
        String russian = "Проверка русской редакции " + UUID.randomUUID();
        long en = test.publish(Language.EN, english, "Body.", List.of());
        long ru = test.publish(Language.RU, russian, "Текст.", List.of());

        var root = page("/");
        assertThat(root.select("html").attr("lang")).isEqualTo("en");
        assertThat(root.select("a[href=" + test.path(en) + "]")).isNotEmpty();
        assertThat(root.select("a[href=" + test.path(ru) + "]")).isEmpty();

        var front = page("/ru");
        assertThat(front.select("html").attr("lang")).isEqualTo("ru");
        assertThat(front.select("a[href=" + test.path(ru) + "]")).isNotEmpty();
        assertThat(front.select("a[href=" + test.path(en) + "]")).isEmpty();
        assertThat(front.select(".site-nav a").eachAttr("href")).contains("/ru/section/news");
        assertThat(front.select(".site-nav a").eachText()).contains("Новости");
        assertThat(front.select("a.brand").attr("href")).isEqualTo("/ru");
        assertThat(front.select(".section-block h2 a").eachAttr("href"))
                .allMatch(href -> href.startsWith("/ru/section/"));

        var section = page("/ru/section/news");
        assertThat(section.select("html").attr("lang")).isEqualTo("ru");
        assertThat(section.select("h1").text()).contains("Новости");
        assertThat(section.select("a[href=" + test.path(ru) + "]")).isNotEmpty();
        assertThat(section.select("a[href=" + test.path(en) + "]")).isEmpty();
        var englishSection = page("/section/news");
        assertThat(englishSection.select("a[href=" + test.path(en) + "]")).isNotEmpty();
        assertThat(englishSection.select("a[href=" + test.path(ru) + "]")).isEmpty();
    }

    @Test
    void everyPageLinksToTheOtherEditionAndHreflangTiesTheFrontPagesTogether() throws Exception {
        var root = page("/");
        var switcher = root.selectFirst("a.edition-switch");
        assertThat(switcher.attr("href")).isEqualTo("/ru");
        assertThat(switcher.text()).isEqualTo("Русский");
        assertThat(switcher.attr("lang")).isEqualTo("ru");
        var back = page("/ru").selectFirst("a.edition-switch");
        assertThat(back.attr("href")).isEqualTo("/");
        assertThat(back.text()).isEqualTo("English");
        assertThat(page("/search").select("a.edition-switch")).hasSize(1);

        for (String path : List.of("/", "/ru")) {
            var alternates = page(path).select("link[rel=alternate][hreflang]");
            assertThat(alternates.eachAttr("hreflang")).as(path).containsExactly("en", "ru", "x-default");
            assertThat(alternates.eachAttr("href"))
                    .as(path)
                    .containsExactly("https://news.example/", "https://news.example/ru", "https://news.example/");
        }
        assertThat(page("/ru/section/culture")
                        .select("link[rel=alternate][hreflang=en]")
                        .attr("href"))
                .isEqualTo("https://news.example/section/culture");
    }

    @Test
    void anArticleLinksToItsTranslationOrElseToTheOtherEditionsFrontPage() throws Exception {
        var test = new TestArticles(context);
        long alone = test.publish(Language.RU, "Без перевода " + UUID.randomUUID(), "Текст.", List.of());

        var page = page(test.path(alone));
        assertThat(page.selectFirst("a.edition-switch").attr("href")).isEqualTo("/");
        assertThat(page.select(".site-nav a").eachAttr("href")).contains("/ru/section/news");
        assertThat(page.select("a.brand").attr("href")).isEqualTo("/ru");
    }

    @Test
    void theSitemapListsBothEditionsFrontAndSectionPages() throws Exception {
        String sitemap = mvc.perform(get("/sitemaps/pages.xml"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String index =
                mvc.perform(get("/sitemap.xml")).andReturn().getResponse().getContentAsString();
        for (String xml : List.of(sitemap, index)) {
            if (!xml.contains("<urlset")) {
                continue;
            }
            assertThat(xml)
                    .contains("<loc>https://news.example/</loc>")
                    .contains("<loc>https://news.example/ru</loc>")
                    .contains("<loc>https://news.example/ru/section/news</loc>")
                    .contains("<loc>https://news.example/section/news</loc>");
        }
    }

    @Test
    void eachEditionHasItsOwnLightEdition() throws Exception {
        var test = new TestArticles(context);
        String russian = "Лёгкая версия " + UUID.randomUUID();
        String english = "Light edition " + UUID.randomUUID();
        long ru = test.publish(Language.RU, russian, "Текст.", List.of());
        long en = test.publish(Language.EN, english, "Body.", List.of());

        var light = page("/lite/ru");
        assertThat(light.select("html").attr("lang")).isEqualTo("ru");
        assertThat(light.select("a[href=/lite" + test.path(ru) + "]")).hasSize(1);
        assertThat(light.select("a[href=/lite" + test.path(en) + "]")).isEmpty();
        assertThat(light.select("a[href=/lite/ru/section/news]").text()).isEqualTo("Новости");
        assertThat(light.select("header a[href=/lite]").text()).isEqualTo("English");
        var section = page("/lite/ru/section/news");
        assertThat(section.select("a[href=/lite" + test.path(ru) + "]")).hasSize(1);
        assertThat(page("/lite").select("a[href=/lite" + test.path(ru) + "]")).isEmpty();
        assertThat(page("/ru").select("a[href=/lite/ru]")).hasSize(1);
        mvc.perform(get("/lite/en"))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/lite"));
    }

    @Test
    void theSiteLanguagesEditionHasNoPrefixAndItsPrefixedAddressesLeadThere() throws Exception {
        mvc.perform(get("/en")).andExpect(status().isMovedPermanently()).andExpect(header().string("Location", "/"));
        mvc.perform(get("/en/section/news"))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/section/news"));
        mvc.perform(get("/en/rss.xml"))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/rss.xml"));
        mvc.perform(get("/ru/section/no-such-section")).andExpect(status().isNotFound());
    }

    @Test
    void eachEditionHasItsOwnFeeds() throws Exception {
        var test = new TestArticles(context);
        String russian = "Лента редакции " + UUID.randomUUID();
        String english = "Edition feed " + UUID.randomUUID();
        test.publish(Language.RU, russian, "Текст.", List.of());
        test.publish(Language.EN, english, "Body.", List.of());

        for (String path : List.of("/ru/rss.xml", "/ru/atom.xml")) {
            var feed = new SyndFeedInput()
                    .build(new StringReader(mvc.perform(get(path))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsString()));
            assertThat(feed.getEntries()).as(path).anyMatch(e -> e.getTitle().equals(russian));
            assertThat(feed.getEntries()).as(path).noneMatch(e -> e.getTitle().equals(english));
        }
        String json =
                mvc.perform(get("/ru/feed.json")).andReturn().getResponse().getContentAsString();
        assertThat(json).contains(russian).doesNotContain(english).contains("\"language\":\"ru\"");
        String root = mvc.perform(get("/rss.xml")).andReturn().getResponse().getContentAsString();
        assertThat(root).contains(english).doesNotContain(russian);
        assertThat(page("/ru").select("link[type=application/rss+xml]").attr("href"))
                .isEqualTo("/ru/rss.xml");
    }
}
