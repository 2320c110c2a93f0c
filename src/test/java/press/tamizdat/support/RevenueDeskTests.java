package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;

/**
 * Revenue in the newsroom, from payments made through the test mode: the figures, the chart,
 * where contributions started, the CSV for the accounts — and admins only.
 */
// a context of its own: other tests' payments would move the figures
@SpringBootTest(properties = {"tamizdat.site.name=Tamizdat", "tamizdat.site.zone=UTC"})
@AutoConfigureMockMvc
class RevenueDeskTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Test
    void revenueShowsMoneyInMonthlyRecurringRevenueSourcesAndAChart() throws Exception {
        pay("monthly", "5", "banner");
        pay("annual", "120", "appeal");
        pay("once", "30", "support");
        pay("once", "99", "support");
        var admin = signIn(Role.ADMIN);

        var page = Jsoup.parse(
                mvc.perform(get("/newsroom/revenue?by=day&currency=USD").session(admin))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());

        assertThat(page.select("#mrr").text()).as("5 a month and 120 a year").isEqualTo("$15.00");
        assertThat(page.select("#active").text()).isEqualTo("2");
        var today =
                page.select("tbody").first().select("tr").first().select("td").eachText();
        assertThat(today.subList(1, 5)).containsExactly("$129.00", "$125.00", "$254.00", "4");
        assertThat(page.select("svg rect.recurring")).hasSize(30);
        assertThat(page.select("svg g title").last().text()).endsWith("$254.00");
        assertThat(page.select("#providers").text()).contains("Test mode $254.00 4");
        assertThat(page.select("#sources").text())
                .contains("the banner 1")
                .contains("the appeal under an article 1")
                .contains("the support page 2");
    }

    @Test
    void theCsvListsEveryContributionWithoutAnyonesAddress() throws Exception {
        String email = pay("once", "17", "support", "EUR");
        var admin = signIn(Role.ADMIN);

        var csv = mvc.perform(get("/newsroom/revenue.csv").session(admin))
                .andReturn()
                .getResponse();

        assertThat(csv.getContentType()).startsWith("text/csv");
        String body = csv.getContentAsString();
        assertThat(body).startsWith("date,amount,currency,frequency,kind,status,provider,source,reference\r\n");
        assertThat(body).contains(",17.00,EUR,ONCE,ONCE,PAID,test,support,test_pay_");
        assertThat(body).doesNotContain(email).doesNotContain("@");
    }

    @Test
    void onlyAdminsSeeRevenue() throws Exception {
        var editor = signIn(Role.EDITOR);

        assertThat(mvc.perform(get("/newsroom/revenue").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/newsroom/revenue.csv").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    private String pay(String frequency, String amount, String source) throws Exception {
        return pay(frequency, amount, source, "USD");
    }

    private String pay(String frequency, String amount, String source, String currency) throws Exception {
        String email = "revenue-" + UUID.randomUUID() + "@example.org";
        String checkout = mvc.perform(post("/support")
                        .param("frequency", frequency)
                        .param("custom", amount)
                        .param("currency", currency)
                        .param("source", source))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(post(checkout).param("outcome", "succeed").param("email", email));
        return email;
    }

    private MockHttpSession signIn(Role role) throws Exception {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
        staff.create(email, role.name(), role, "correct horse battery", false);
        return NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }
}
