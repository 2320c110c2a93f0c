package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/** The banner on every page and the appeal under every article say what the campaign says. */
@SpringBootTest(properties = "tamizdat.site.name=Tamizdat")
@AutoConfigureMockMvc
class CampaignOnPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    Campaigns campaigns;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void theStartingCampaignAgain() {
        db.sql("""
                        UPDATE campaign_text SET banner_text = 'Support {site}!', appeal_title = 'A Message from {site}'
                        WHERE language = 'en'
                        """).update();
        db.sql("UPDATE campaign SET show_banner = TRUE, show_appeal = TRUE").update();
        campaigns.forget();
    }

    @Test
    void theBannerAndTheAppealCarryTheCampaignsWordsAndSayWhereTheReaderCameFrom() throws Exception {
        db.sql("""
                        UPDATE campaign_text SET banner_text = 'Keep {site} reachable!',
                               appeal_title = 'Why {site} asks', appeal_body = 'We are **read** where we are banned.'
                        WHERE language = 'en'
                        """).update();
        campaigns.forget();
        String path = articlePath("Campaign words");

        var page = Jsoup.parse(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());

        assertThat(page.select(".support-slot a").text()).isEqualTo("Keep Tamizdat reachable!");
        assertThat(page.select(".support-slot a").attr("href")).isEqualTo("/support?source=banner");
        assertThat(page.select(".appeal-slot h2").text()).isEqualTo("Why Tamizdat asks");
        assertThat(page.select(".appeal-slot .appeal-body strong").text()).isEqualTo("read");
        assertThat(page.select(".appeal-slot form.give").attr("action")).isEqualTo("/support");
        assertThat(page.select(".appeal-slot form.give input[name=source]").val())
                .isEqualTo("appeal");
    }

    @Test
    void aHiddenBannerAndAppealAreNotShown() throws Exception {
        db.sql("UPDATE campaign SET show_banner = FALSE, show_appeal = FALSE").update();
        campaigns.forget();
        String path = articlePath("Campaign hidden");

        var page = Jsoup.parse(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());

        assertThat(page.select(".support-slot")).isEmpty();
        assertThat(page.select(".appeal-slot")).isEmpty();
    }

    @Test
    void theFormCountsWhereTheReaderCameFrom() throws Exception {
        var page = Jsoup.parse(mvc.perform(get("/support?source=appeal"))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(page.select("input[name=source]").val()).isEqualTo("appeal");
    }

    private String articlePath(String headline) {
        var articles = new TestArticles(context);
        return articles.path(articles.publish(Language.EN, headline + " " + System.nanoTime(), "Body.", List.of()));
    }
}
