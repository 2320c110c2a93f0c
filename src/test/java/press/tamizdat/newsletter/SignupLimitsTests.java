package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Signups are counted per network and minute, generously: past the allowance a reader is asked to
 * wait a minute, with everything typed kept; other networks are not affected.
 */
@SpringBootTest(properties = "tamizdat.newsletter.signups-per-minute-per-network=3")
@AutoConfigureMockMvc
class SignupLimitsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Newsletters newsletters;

    @Autowired
    JdbcClient db;

    MockHttpServletResponse signUp(String email, String from) throws Exception {
        return mvc.perform(post("/newsletter")
                        .param("email", email)
                        .param(
                                "newsletter",
                                Long.toString(newsletters.all().getFirst().id()))
                        .with(request -> {
                            request.setRemoteAddr(from);
                            return request;
                        }))
                .andReturn()
                .getResponse();
    }

    @Test
    void aNetworkPastItsAllowanceIsAskedToWaitAMinuteAndOthersAreNot() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(signUp("tor-" + i + "@example.org", "203.0.113." + i).getStatus())
                    .isEqualTo(302);
        }

        var refused = signUp("tor-4@example.org", "203.0.113.99");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
        var page = Jsoup.parse(refused.getContentAsString());
        assertThat(page.select(".problems").text()).contains("try again in a minute");
        assertThat(page.selectFirst("input[name=email]").attr("value")).isEqualTo("tor-4@example.org");
        assertThat(db.sql("SELECT COUNT(*) FROM subscriber WHERE email = 'tor-4@example.org'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(signUp("elsewhere@example.org", "198.51.100.7").getStatus()).isEqualTo(302);
    }
}
