package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.LinkedHashMap;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;

/**
 * The newsroom's campaign editor: admins only; a saved campaign shows at once on cached pages and
 * in the form; a bad one comes back with a message for each problem and changes nothing.
 */
@SpringBootTest(properties = {"tamizdat.site.name=Tamizdat", "tamizdat.pages.cache=true"})
@AutoConfigureMockMvc
class CampaignDeskTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JdbcClient db;

    @Autowired
    Campaigns campaigns;

    @AfterEach
    void theStartingCampaignAgain() throws Exception {
        mvc.perform(
                filled(post("/newsroom/campaign").session(signIn(Role.ADMIN)).with(csrf())));
    }

    @Test
    void aSavedCampaignShowsAtOnceOnCachedPagesAndInTheForm() throws Exception {
        var admin = signIn(Role.ADMIN);
        var before = Jsoup.parse(
                mvc.perform(get("/support")).andReturn().getResponse().getContentAsString());
        assertThat(before.select("h1").text()).isEqualTo("A Message from Tamizdat");
        mvc.perform(get("/support")); // now served from the page cache

        var saved = mvc.perform(filled(
                        post("/newsroom/campaign").session(admin).with(csrf()),
                        "text.en.title",
                        "Keep {site} going",
                        "text.en.banner",
                        "Give to {site}",
                        "currency[0].once",
                        "3.00; 30.00",
                        "currency[0].minimum",
                        "3.00"))
                .andReturn()
                .getResponse();

        assertThat(saved.getRedirectedUrl()).isEqualTo("/newsroom/campaign");
        var after = Jsoup.parse(mvc.perform(get("/support?frequency=once"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(after.select("h1").text()).isEqualTo("Keep Tamizdat going");
        assertThat(after.select(".support-slot a").text()).isEqualTo("Give to Tamizdat");
        assertThat(after.select(".give-offer:not([hidden]) input[name=preset-once]")
                        .eachAttr("value"))
                .containsExactly("300", "3000");
        var belowNewMinimum = mvc.perform(post("/support")
                        .param("frequency", "once")
                        .param("custom", "2.50")
                        .param("currency", "USD"))
                .andReturn()
                .getResponse();
        assertThat(belowNewMinimum.getStatus()).isEqualTo(422);
    }

    @Test
    void aBadCampaignComesBackWithEachProblemAndChangesNothing() throws Exception {
        var admin = signIn(Role.ADMIN);

        var response = mvc.perform(filled(
                        post("/newsroom/campaign").session(admin).with(csrf()),
                        "text.ru.banner",
                        "",
                        "currency[0].minimum",
                        "ten",
                        "currency[1].code",
                        "XXY",
                        "currency[2].code",
                        "GBP",
                        "currency[2].minimum",
                        "2",
                        "currency[2].maximum",
                        "100",
                        "currency[2].once",
                        "5; 500"))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(response.getContentAsString());
        assertThat(page.select("[role=alert] li").eachText())
                .containsExactly(
                        "The banner (RU) needs words, at most 120 characters.",
                        "USD: the minimum must be an amount above zero, such as 2.00.",
                        "“XXY” is not a currency code such as USD or EUR.",
                        "GBP: the preset “500” must be an amount from 2.00 to 100.00.");
        assertThat(page.select("input[name=currency[2].once]").val()).isEqualTo("5; 500");
        assertThat(db.sql("SELECT COUNT(*) FROM campaign_currency WHERE code = 'GBP'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void onlyAdminsMayEditTheCampaign() throws Exception {
        var editor = signIn(Role.EDITOR);

        assertThat(mvc.perform(get("/newsroom/campaign").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(filled(
                                post("/newsroom/campaign").session(editor).with(csrf()), "text.en.title", "Crafted"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(campaigns.current(press.tamizdat.platform.Language.EN).appealTitle())
                .isEqualTo("A Message from Tamizdat");
    }

    /** The starting campaign as its form posts it, with the fields a test changes. */
    private static MockHttpServletRequestBuilder filled(MockHttpServletRequestBuilder request, String... changed) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("showBanner", "yes");
        fields.put("showAppeal", "yes");
        fields.put("remindLater", "yes");
        fields.put("defaultFrequency", "monthly");
        fields.put("text.en.banner", "Support {site}!");
        fields.put("text.en.title", "A Message from {site}");
        fields.put("text.en.body", "Our journalism is free to read and paid for by readers like you.");
        fields.put("text.ru.banner", "Поддержите {site}!");
        fields.put("text.ru.title", "Обращение {site}");
        fields.put("text.ru.body", "Наша журналистика бесплатна для читателей и оплачивается ими.");
        fields.put("currency[0].code", "USD");
        fields.put("currency[0].minimum", "2.00");
        fields.put("currency[0].maximum", "10000.00");
        fields.put("currency[0].once", "10.00; 25.00; 50.00; 100.00");
        fields.put("currency[0].monthly", "5.00; 10.00; 25.00");
        fields.put("currency[0].annual", "50.00; 100.00; 250.00");
        fields.put("currency[1].code", "EUR");
        fields.put("currency[1].minimum", "2.00");
        fields.put("currency[1].maximum", "10000.00");
        fields.put("currency[1].once", "10.00; 25.00; 50.00; 100.00");
        fields.put("currency[1].monthly", "5.00; 10.00; 25.00");
        fields.put("currency[1].annual", "50.00; 100.00; 250.00");
        for (int i = 0; i < changed.length; i += 2) {
            fields.put(changed[i], changed[i + 1]);
        }
        fields.forEach(request::param);
        return request;
    }

    private MockHttpSession signIn(Role role) throws Exception {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
        staff.create(email, role.name(), role, "correct horse battery", false);
        return NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }
}
