package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;

/**
 * Newsletters per language edition: each edition's signup page offers its own newsletters, in its
 * language, and a signup there is in that language; the Russian weekly has its own Friday slot.
 */
@SpringBootTest(properties = "tamizdat.newsletter.signups-per-minute-per-network=1000")
@AutoConfigureMockMvc
class LanguageNewslettersTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Newsletters newsletters;

    @Autowired
    JdbcClient db;

    Document page(String path) throws Exception {
        return Jsoup.parse(mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void eachEditionsSignupPageOffersItsOwnNewslettersInItsLanguage() throws Exception {
        var russian = page("/ru/newsletter");
        assertThat(russian.select("html").attr("lang")).isEqualTo("ru");
        assertThat(russian.select(".signup-form label strong").eachText()).containsExactly("Неделя");
        assertThat(russian.select("form.signup-form").attr("action")).isEqualTo("/ru/newsletter");
        assertThat(russian.select("a[href=/ru/newsletter/archive]")).hasSize(1);

        var english = page("/newsletter");
        assertThat(english.select(".signup-form label strong").eachText()).containsExactly("The Week");
        mvc.perform(get("/en/newsletter"))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/newsletter"));
        assertThat(page("/ru/newsletter/archive").select("html").attr("lang")).isEqualTo("ru");
    }

    @Test
    void aSignupOnTheRussianPageIsInRussianAndGoesToTheRussianWeekly() throws Exception {
        var nedelya = newsletters.in(Language.RU).getFirst();
        String email = "ru-signup-" + UUID.randomUUID() + "@example.org";

        mvc.perform(post("/ru/newsletter")
                        .param("email", email)
                        .param("newsletter", String.valueOf(nedelya.id()))
                        .param("source", "/ru/newsletter"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/ru/newsletter/check-your-inbox"));

        assertThat(db.sql("SELECT language FROM subscriber WHERE email = :email")
                        .param("email", email)
                        .query(String.class)
                        .single())
                .isEqualTo("ru");
        assertThat(page("/ru/newsletter/check-your-inbox").select("html").attr("lang"))
                .isEqualTo("ru");
        assertThat(nedelya.name()).isEqualTo("Неделя");
        assertThat(nedelya.slotDay()).isEqualTo(java.time.DayOfWeek.FRIDAY);
        assertThat(nedelya.id())
                .isNotEqualTo(newsletters.in(Language.EN).getFirst().id());
    }

    @Test
    void aRussianSignupWithNothingChosenComesBackInRussianWithTheAddressKept() throws Exception {
        var response = mvc.perform(post("/ru/newsletter").param("email", "kept@example.org"))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(response.getContentAsString());
        assertThat(page.select("html").attr("lang")).isEqualTo("ru");
        assertThat(page.select("#signup-email").val()).isEqualTo("kept@example.org");
        assertThat(page.select(".problems li").text()).isNotBlank();
    }
}
