package press.tamizdat.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;

/**
 * The mirror list and the onion address: set by admins, shown in every page's footer and on
 * {@code /mirrors}, and the onion address as {@code Onion-Location} on every public page (cached
 * copies too); bad addresses are refused with a message and change nothing.
 */
@SpringBootTest(
        properties = {
            "spring.application.name=tamizdat-mirrors",
            "tamizdat.demo=true",
            // the example addresses answer nowhere: checked, they would be hidden from readers
            "tamizdat.reach.health.enabled=false"
        })
@AutoConfigureMockMvc
class MirrorsTests {

    static final String ONION = "duskgytldkxiuqc6bq5anpwtsc2iypeb4aexzd6hv6q2ynxtwdr2wkad.onion";

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient db;

    @Autowired
    Mirrors mirrors;

    MockHttpSession admin;

    @BeforeEach
    void anAdmin() throws Exception {
        String email = "reach-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Reach Admin", Role.ADMIN, "correct horse battery", false);
        admin = NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }

    org.springframework.mock.web.MockHttpServletResponse save(String mirrorLines, String onion) throws Exception {
        return mvc.perform(post("/newsroom/mirrors")
                        .session(admin)
                        .with(csrf())
                        .param("mirrorLines", mirrorLines)
                        .param("onion", onion))
                .andReturn()
                .getResponse();
    }

    @Test
    void theOnionAddressIsOfferedOnEveryPublicPageCachedOrNot() throws Exception {
        mvc.perform(get("/"));
        assertThat(save("https://mirror-one.example.org\nhttps://mirror-two.example.net/", ONION)
                        .getRedirectedUrl())
                .isEqualTo("/newsroom/mirrors");

        for (int time = 1; time <= 2; time++) {
            var home = mvc.perform(get("/")).andReturn().getResponse();
            assertThat(home.getHeader("Onion-Location")).isEqualTo("http://" + ONION + "/");
            var privacy = mvc.perform(get("/privacy")).andReturn().getResponse();
            assertThat(privacy.getHeader("Onion-Location")).isEqualTo("http://" + ONION + "/privacy");
        }
        assertThat(mvc.perform(get("/newsletter/archive"))
                        .andReturn()
                        .getResponse()
                        .getHeader("Onion-Location"))
                .isEqualTo("http://" + ONION + "/newsletter/archive");
        assertThat(mvc.perform(get("/newsletter/latest"))
                        .andReturn()
                        .getResponse()
                        .getHeader("Onion-Location"))
                .isEqualTo("http://" + ONION + "/newsletter/latest");
        for (String personal : new String[] {"/newsletter/confirm?token=x", "/privacy/my-data?token=x"}) {
            assertThat(mvc.perform(get(personal)).andReturn().getResponse().getHeader("Onion-Location"))
                    .as(personal)
                    .isNull();
        }
        assertThat(mvc.perform(get("/newsroom/login")).andReturn().getResponse().getHeader("Onion-Location"))
                .isNull();
        assertThat(mvc.perform(get("/assets/site.css"))
                        .andReturn()
                        .getResponse()
                        .getHeader("Onion-Location"))
                .isNull();
    }

    @Test
    void everyPageShowsTheMirrorsAndTheMirrorsPageListsThemAll() throws Exception {
        save("https://mirror-one.example.org\nhttps://mirror-two.example.net/", ONION);

        var home = Jsoup.parse(mvc.perform(get("/")).andReturn().getResponse().getContentAsString());
        var page = Jsoup.parse(
                mvc.perform(get("/mirrors")).andReturn().getResponse().getContentAsString());

        assertThat(home.select("footer p.mirrors a").eachAttr("href"))
                .containsExactly("https://mirror-one.example.org", "https://mirror-two.example.net", "http://" + ONION);
        assertThat(home.select("footer a[href=/mirrors]")).hasSize(1);
        assertThat(page.select("ul.mirror-list a").eachText())
                .containsExactly("https://mirror-one.example.org", "https://mirror-two.example.net");
        assertThat(page.select("code.onion").text()).isEqualTo("http://" + ONION);
        assertThat(db.sql(
                                "SELECT subject FROM audit_entry WHERE action = 'mirrors-changed' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                        .query(String.class)
                        .single())
                .isEqualTo("2 mirrors, http://" + ONION);
    }

    @Test
    void feedsAndNewsletterEditionsCarryTheCurrentAddresses() throws Exception {
        save("https://mirror-one.example.org", ONION);
        long newsletter = db.sql("SELECT id FROM newsletter ORDER BY id FETCH FIRST 1 ROWS ONLY")
                .query(Long.class)
                .single();
        String created = mvc.perform(post("/newsroom/newsletters/" + newsletter + "/editions")
                        .session(admin)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        String rss = mvc.perform(get("/rss.xml")).andReturn().getResponse().getContentAsString();
        String atom = mvc.perform(get("/atom.xml")).andReturn().getResponse().getContentAsString();
        var edition = Jsoup.parse(mvc.perform(get(created + "/preview").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());

        assertThat(rss)
                .contains("If this address is blocked, read us at: https://mirror-one.example.org, http://" + ONION);
        assertThat(atom).contains("https://mirror-one.example.org");
        assertThat(edition.select("a[href=https://mirror-one.example.org]")).hasSize(1);
        assertThat(edition.select("a[href=http://" + ONION + "]")).hasSize(1);
    }

    @Test
    void aBadAddressIsRefusedWithAMessageAndChangesNothing() throws Exception {
        save("https://kept.example.org", "");

        var response = save("https://fine.example.org\njavascript:alert(1)", "not-an-onion.onion");

        var page = Jsoup.parse(response.getContentAsString());
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(page.select("[role=alert] li").eachText())
                .containsExactly(
                        "Each line must be a full web address, such as https://mirror.example.org.",
                        "An onion address has 56 letters and digits before .onion.");
        assertThat(page.select("textarea#mirrorLines").text()).contains("javascript:alert(1)");
        assertThat(mirrors.mirrors()).containsExactly("https://kept.example.org");
        assertThat(mirrors.onion()).isEmpty();
    }

    @Test
    void onlyAdminsSetTheAddresses() throws Exception {
        String email = "reach-editor-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Editor", Role.EDITOR, "correct horse battery", false);
        var editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");

        assertThat(mvc.perform(post("/newsroom/mirrors")
                                .session(editor)
                                .with(csrf())
                                .param("mirrorLines", "https://evil.example"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }
}
