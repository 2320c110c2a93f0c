package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
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

/** The search page finds word forms in both languages and shows marked snippets, safely. */
@SpringBootTest
@AutoConfigureMockMvc
class SearchPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    Document search(String query) throws Exception {
        return Jsoup.parse(mvc.perform(get("/search").param("q", query))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void findsRussianWordFormsAndMarksThemInTheSnippet() throws Exception {
        var articles = new TestArticles(context);
        String token = "z" + UUID.randomUUID().toString().substring(0, 6);
        String path = articles.path(articles.publish(
                Language.RU,
                "После парада " + token,
                "Репетиция парада прошла без зрителей. " + token + " Перед парадом улицы перекрыли.",
                List.of()));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                search("парад " + token).select("ol.results a").eachAttr("href"))
                        .containsExactly(path));

        var result = search("парад " + token).selectFirst("ol.results li");
        assertThat(result.attr("lang")).isEqualTo("ru");
        assertThat(result.select(".snippet mark").eachText()).contains("парада");
    }

    @Test
    void showsTheQueryBackEscapedAndSaysWhenNothingIsFound() throws Exception {
        var page = search("<script>alert(1)</script> nothing-matches-" + UUID.randomUUID());

        assertThat(page.select("#search-q").val()).startsWith("<script>alert(1)</script>");
        assertThat(page.select("main script")).isEmpty();
        assertThat(page.select("main p").text()).contains("Nothing was found");
    }

    @Test
    void emptySearchShowsTheForm() throws Exception {
        var page = search("");

        assertThat(page.select("form[role=search] label[for=search-q]")).hasSize(1);
        assertThat(page.select("ol.results")).isEmpty();
    }
}
