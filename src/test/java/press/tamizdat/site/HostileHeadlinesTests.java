package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;
import press.tamizdat.web.PublicPaths;
import tools.jackson.databind.json.JsonMapper;

/** What an author types into a headline cannot blank the article page or break a feed. */
@SpringBootTest
@AutoConfigureMockMvc
class HostileHeadlinesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    String body(String path) throws Exception {
        return mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void aHeadlineOpeningACommentAndAScriptLeavesTheRestOfThePageStanding() throws Exception {
        var articles = new TestArticles(context);
        String marker = UUID.randomUUID().toString();
        String headline = "Trap <!--<script> & </script> \u2028 " + marker;
        long id = articles.publish(Language.EN, headline, "The body is still here " + marker + ".", List.of());

        var page = Jsoup.parse(body(articles.path(id)));

        String jsonLd = page.selectFirst("script[type=application/ld+json]").data();
        assertThat(jsonLd).doesNotContain("<", ">", "&", "\u2028");
        assertThat(JsonMapper.builder().build().readTree(jsonLd).get("headline").asString())
                .isEqualTo(headline);
        assertThat(page.select("main").text()).contains("The body is still here " + marker);
    }

    @Test
    void aControlCharacterInAHeadlineLeavesEveryFeedReadable() throws Exception {
        var articles = new TestArticles(context);
        String marker = UUID.randomUUID().toString();
        articles.publish(Language.EN, "Vertical\u000Btab\u0001 " + marker, "Body \u0002 " + marker + ".", List.of());

        for (String feed : List.of(
                PublicPaths.RSS,
                PublicPaths.ATOM,
                PublicPaths.sectionFeed("news", "rss.xml"),
                PublicPaths.sectionFeed("news", "atom.xml"))) {
            var entries =
                    new SyndFeedInput().build(new StringReader(body(feed))).getEntries();
            assertThat(entries).as(feed).anyMatch(entry -> entry.getTitle().equals("Verticaltab " + marker));
        }
        for (String feed : List.of(PublicPaths.JSON_FEED, PublicPaths.sectionFeed("news", "feed.json"))) {
            var items = tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(body(feed))
                    .path("items");
            assertThat(java.util.stream.StreamSupport.stream(items.spliterator(), false))
                    .as(feed)
                    .anyMatch(item -> item.path("title").asString().endsWith("tab " + marker)
                            || item.path("title").asString().endsWith("tab\u0001 " + marker));
        }
    }
}
