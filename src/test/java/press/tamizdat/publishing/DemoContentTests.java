package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;

/** A newcomer's empty database fills with a living demo site. */
@SpringBootTest(properties = "tamizdat.demo=true")
@AutoConfigureMockMvc
class DemoContentTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Articles articles;

    @Autowired
    ArticleCards cards;

    @Test
    void seedsADozenPublishedArticlesInBothLanguagesAcrossTheSections() {
        var latest = cards.latest(100);

        assertThat(latest).hasSizeGreaterThanOrEqualTo(12);
        assertThat(latest).extracting(ArticleCard::language).contains(Language.EN, Language.RU);
        assertThat(latest).extracting(ArticleCard::sectionName).contains("News", "Features", "Analysis", "Culture");
        assertThat(latest).filteredOn(card -> card.thumbnail() != null).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void homePageShowsTheDemoArticlesWithTheirPictures() throws Exception {
        String page = mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var document = Jsoup.parse(page);
        assertThat(document.select("article.card")).hasSizeGreaterThanOrEqualTo(12);
        for (var image : document.select("article.card img")) {
            mvc.perform(get(image.attr("src"))).andExpect(status().isOk());
        }
    }

    @Test
    void videoArticleLoadsNothingFromTheVideoSiteUntilClicked() throws Exception {
        var video = cards.latest(100).stream()
                .map(card -> articles.find(card.language(), card.path().substring(4)))
                .filter(lookup -> lookup instanceof ArticleLookup.Found found
                        && found.article().video() != null)
                .map(lookup -> ((ArticleLookup.Found) lookup).article())
                .findFirst()
                .orElseThrow();

        String page = mvc.perform(get(video.path()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var document = Jsoup.parse(page);
        assertThat(document.select("iframe")).isEmpty();
        assertThat(document.select("figure.embed").attr("data-embed-src"))
                .startsWith("https://www.youtube-nocookie.com/embed/");
        assertThat(document.select("figure.embed .credit").text()).startsWith("Video: @");
        assertThat(document.select("[src]").eachAttr("src")).allMatch(src -> src.startsWith("/"));
    }

    @Test
    void russianArticlePageSpeaksRussian() throws Exception {
        var russian = cards.latest(100).stream()
                .filter(card -> card.language() == Language.RU)
                .findFirst()
                .orElseThrow();

        String page = mvc.perform(get(russian.path()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        var document = Jsoup.parse(page);
        assertThat(document.select("html").attr("lang")).isEqualTo("ru");
        assertThat(document.select(".support-slot").text()).startsWith("Поддержите");
    }
}
