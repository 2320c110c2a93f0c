package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.publishing.ArticleCards;

/** An article page's HTML, CSS and JavaScript stay within 60 KB, and pictures load responsively. */
@SpringBootTest(properties = "tamizdat.demo=true")
@AutoConfigureMockMvc
class PageBudgetTests {

    static final int BUDGET = 60 * 1024;

    @Autowired
    MockMvc mvc;

    @Autowired
    ArticleCards articles;

    int bytes(String path) throws Exception {
        return mvc.perform(get(path)).andReturn().getResponse().getContentAsByteArray().length;
    }

    @Test
    void everyDemoArticleFitsTheBudgetWithItsStylesAndScripts() throws Exception {
        for (var card : articles.latest(100)) {
            var page = Jsoup.parse(
                    mvc.perform(get(card.path())).andReturn().getResponse().getContentAsString());
            int total = bytes(card.path());
            for (var style : page.select("link[rel=stylesheet]")) {
                total += bytes(style.attr("href"));
            }
            for (var script : page.select("script[src]")) {
                total += bytes(script.attr("src"));
            }
            assertThat(total).as("bytes of %s with its CSS and JS", card.path()).isLessThanOrEqualTo(BUDGET);
        }
    }

    @Test
    void listPicturesAreResponsiveAndLazy() throws Exception {
        var home = Jsoup.parse(mvc.perform(get("/")).andReturn().getResponse().getContentAsString());

        var pictures = home.select(".grid article.card img");
        assertThat(pictures).isNotEmpty();
        assertThat(pictures)
                .allMatch(img -> img.attr("loading").equals("lazy")
                        && img.hasAttr("srcset")
                        && img.hasAttr("sizes")
                        && img.hasAttr("width")
                        && img.hasAttr("height"));
    }
}
