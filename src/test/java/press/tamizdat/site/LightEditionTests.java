package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.publishing.ArticleCards;

/**
 * The light edition: text only, small, its links inside itself, and a link to it from every page.
 */
@SpringBootTest(properties = "tamizdat.demo=true")
@AutoConfigureMockMvc
class LightEditionTests {

    static final int TYPICAL_LIMIT = 15_000;

    @Autowired
    MockMvc mvc;

    @Autowired
    ArticleCards articles;

    byte[] body(String path) throws Exception {
        var response = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsByteArray();
    }

    @Test
    void everyDemoArticleIsTextOnlyAndUnderFifteenKilobytes() throws Exception {
        var all = articles.latest(100);
        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        for (var card : all) {
            byte[] page = body("/lite" + card.path());
            var html = Jsoup.parse(new String(page, StandardCharsets.UTF_8));

            assertThat(page.length).as(card.path()).isLessThan(TYPICAL_LIMIT);
            assertThat(html.select("img, picture, iframe, video, audio, script, link[rel=stylesheet], style"))
                    .as(card.path())
                    .isEmpty();
            assertThat(html.select("h1").text()).isEqualTo(card.headline());
            assertThat(html.select("footer a[href=" + card.path() + "]"))
                    .as("the full page")
                    .hasSize(1);
        }
    }

    @Test
    void itsLinksStayInsideTheLightEdition() throws Exception {
        var front = Jsoup.parse(new String(body("/lite"), StandardCharsets.UTF_8));

        assertThat(front.select("main a").eachAttr("href")).allMatch(href -> href.startsWith("/lite/"));
        assertThat(front.select("main a[href^=/lite/section/]")).isNotEmpty();
        String section = front.select("main a[href^=/lite/section/]").first().attr("href");
        var listing = Jsoup.parse(new String(body(section), StandardCharsets.UTF_8));
        assertThat(listing.select("main li a").eachAttr("href"))
                .allMatch(href -> href.matches("/lite/(en|ru)/[a-z0-9-]+"));
    }

    @Test
    void everyFullPageLinksToItsLightEdition() throws Exception {
        var card = articles.latest(1).getFirst();

        assertThat(Jsoup.parse(new String(body(card.path()), StandardCharsets.UTF_8))
                        .select("header a[href=/lite" + card.path() + "]"))
                .hasSize(1);
        assertThat(Jsoup.parse(new String(body("/"), StandardCharsets.UTF_8)).select("header a[href=/lite]"))
                .hasSize(1);
        assertThat(Jsoup.parse(new String(body("/section/news"), StandardCharsets.UTF_8))
                        .select("header a[href=/lite/section/news]"))
                .hasSize(1);
        assertThat(Jsoup.parse(new String(body("/privacy"), StandardCharsets.UTF_8))
                        .select("header a[href=/lite]"))
                .hasSize(1);
    }

    @Test
    void anArticleThatIsNotThereIsNotFound() throws Exception {
        assertThat(mvc.perform(get("/lite/en/no-such-article"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void picturesAndEmbedsAreTakenOutAndOwnLinksLeadToLightPages() {
        String body = LightEdition.textOnly("<p>Before <a href=\"/en/other-story\">other</a>"
                + " <a href=\"https://example.org/x\">out</a></p><figure><img src=\"/media/1/640.jpg\" alt=\"\"></figure>"
                + "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe><p>After</p>");

        assertThat(body)
                .contains("href=\"/lite/en/other-story\"", "href=\"https://example.org/x\"", "Before", "After")
                .doesNotContain("<img", "<figure", "<iframe");
    }
}
