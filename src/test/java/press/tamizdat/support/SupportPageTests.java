package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
 * The contribution form and the test-mode checkout, as plain form posts: the form's problems come
 * back with what was typed, Continue leads to the provider's page, and only the provider's outcome
 * records a contribution — once.
 */
@SpringBootTest(properties = "tamizdat.site.name=Tamizdat")
@AutoConfigureMockMvc
class SupportPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    SealedEmails supporters;

    @Test
    void theFormStartsOnTheCampaignsFrequencyWithItsPresets() throws Exception {
        var page = Jsoup.parse(
                mvc.perform(get("/support")).andReturn().getResponse().getContentAsString());

        assertThat(page.select("h1").text()).isEqualTo("A Message from Tamizdat");
        assertThat(page.select("input[name=frequency][checked]").val()).isEqualTo("monthly");
        var usd = page.select(".give-offer[data-currency=USD]");
        assertThat(usd.hasAttr("hidden")).isFalse();
        assertThat(usd.select("input[name=preset-monthly]").eachAttr("value")).containsExactly("500", "1000", "2500");
        assertThat(usd.select("label[for=give-USD-monthly-500]").text()).isEqualTo("$5");
        assertThat(usd.select("input[name=preset-once]").eachAttr("value"))
                .containsExactly("1000", "2500", "5000", "10000");
        assertThat(page.select(".give-offer[data-currency=EUR]").hasAttr("hidden"))
                .isTrue();
        assertThat(page.select(".give-minimum span:not([hidden])").text()).isEqualTo("Any amount from just $2.");
        assertThat(page.select("select[name=currency] option").eachText()).containsExactly("USD", "EUR");
    }

    @Test
    void anAmountBelowTheMinimumComesBackWithTheMinimumAndWhatWasTyped() throws Exception {
        var response = proceed("once", "", "1.50", "USD");

        assertThat(response.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(response.getContentAsString());
        assertThat(page.select("[role=alert] li").text()).isEqualTo("The smallest contribution is $2.00.");
        assertThat(page.select("input[name=custom]").val()).isEqualTo("1.50");
        assertThat(page.select("input[name=frequency][checked]").val()).isEqualTo("once");
        assertThat(checkoutsFor(150)).isZero();
    }

    @Test
    void aNonNumberAndAnUnknownCurrencyAreEachNamed() throws Exception {
        var notANumber = Jsoup.parse(proceed("monthly", "", "<b>ten</b>", "USD").getContentAsString());
        var unknown = Jsoup.parse(proceed("monthly", "500", "", "XYZ").getContentAsString());

        assertThat(notANumber.select("[role=alert] li").text()).contains("“<b>ten</b>” is not an amount");
        assertThat(notANumber.select("[role=alert] b")).isEmpty();
        assertThat(unknown.select("[role=alert] li").text()).isEqualTo("Choose one of the currencies offered.");
    }

    @Test
    void continueLeadsToTheTestCheckoutWhichIsMarkedAsSuch() throws Exception {
        var response = proceed("monthly", "500", "", "USD");

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).startsWith("/support/test-checkout/");
        var checkout = mvc.perform(get(response.getRedirectedUrl())).andReturn().getResponse();
        assertThat(checkout.getHeader("Cache-Control")).contains("no-store");
        var page = Jsoup.parse(checkout.getContentAsString());
        assertThat(page.select(".test-mode").text()).startsWith("TEST MODE");
        assertThat(page.text()).contains("$5.00, every month.");
    }

    @Test
    void theChosenFrequencysOwnPresetIsTheOneThatCounts() throws Exception {
        var response = mvc.perform(post("/support")
                        .param("frequency", "monthly")
                        .param("preset-once", "10000")
                        .param("preset-monthly", "1000")
                        .param("preset-currency", "USD")
                        .param("currency", "USD"))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(302);
        var checkout = mvc.perform(get(response.getRedirectedUrl())).andReturn().getResponse();
        assertThat(Jsoup.parse(checkout.getContentAsString()).text()).contains("$10.00, every month.");
    }

    @Test
    void aPresetShownInAnotherCurrencyIsNotTakenForThisOne() throws Exception {
        var response = mvc.perform(post("/support")
                        .param("frequency", "monthly")
                        .param("preset-monthly", "500")
                        .param("preset-currency", "USD")
                        .param("currency", "EUR"))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(response.getContentAsString());
        assertThat(page.select("[role=alert] li").text())
                .isEqualTo("The amounts shown were in another currency. Choose an amount in EUR.");
        assertThat(page.select(".give-offer:not([hidden])").attr("data-currency"))
                .isEqualTo("EUR");
        assertThat(page.select("select[name=currency] option[selected]").val()).isEqualTo("EUR");
        assertThat(page.select("input[name=frequency][checked]").val()).isEqualTo("monthly");
    }

    @Test
    void aFormOnACachedPageGetsAFreshPuzzleOnlyWhileCheckoutsSurge() throws Exception {
        var calm = mvc.perform(get("/support/challenge")).andReturn().getResponse();

        assertThat(calm.getContentType()).startsWith("application/json");
        assertThat(calm.getHeader("Cache-Control")).contains("no-store");
        assertThat(calm.getContentAsString()).isEqualTo("{\"bits\":0}");
    }

    @Test
    void aSucceededTestPaymentRecordsOneContributionHoweverOftenItArrives() throws Exception {
        String checkout = proceed("once", "", "25", "EUR").getRedirectedUrl();
        String reference = checkout.substring(checkout.lastIndexOf('/') + 1);

        var first = mvc.perform(post(checkout).param("outcome", "succeed").param("email", "once@example.org"))
                .andReturn()
                .getResponse();
        mvc.perform(post(checkout).param("outcome", "succeed").param("email", "once@example.org"));

        assertThat(first.getRedirectedUrl()).isEqualTo("/support/thanks");
        assertThat(db.sql("""
                                SELECT COUNT(*) FROM contribution
                                WHERE checkout_reference = :reference AND amount_minor = 2500 AND currency = 'EUR'
                                  AND frequency = 'ONCE' AND status = 'PAID' AND provider = 'test'
                                """)
                        .param("reference", reference)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(mvc.perform(get(checkout)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void aCompletedTestCheckoutCannotBeCompletedAgainForAnotherAddress() throws Exception {
        String checkout = proceed("once", "", "26", "EUR").getRedirectedUrl();
        mvc.perform(post(checkout).param("outcome", "succeed").param("email", "first@example.org"));

        var again = mvc.perform(post(checkout).param("outcome", "succeed").param("email", "stranger@example.org"))
                .andReturn()
                .getResponse();

        assertThat(again.getStatus()).isEqualTo(404);
        assertThat(db.sql("SELECT COUNT(*) FROM supporter WHERE email_index = ?")
                        .param(supporters.index("stranger@example.org"))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aDeclinedOrCancelledTestPaymentRecordsNothingAndKeepsTheAmount() throws Exception {
        String declined = proceed("annual", "", "50", "USD").getRedirectedUrl();
        String cancelled = proceed("annual", "", "60", "USD").getRedirectedUrl();

        var failure =
                mvc.perform(post(declined).param("outcome", "fail")).andReturn().getResponse();
        var back = mvc.perform(post(cancelled).param("outcome", "cancel"))
                .andReturn()
                .getResponse();

        assertThat(failure.getRedirectedUrl()).startsWith("/support/failed?");
        var failedPage = Jsoup.parse(mvc.perform(get(failure.getRedirectedUrl()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(failedPage.select("a[href*=custom=50.00]")).hasSize(1);
        assertThat(back.getRedirectedUrl()).isEqualTo("/support?frequency=annual&custom=60.00&currency=USD");
        var form = Jsoup.parse(mvc.perform(get(back.getRedirectedUrl()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(form.select("input[name=custom]").val()).isEqualTo("60.00");
        assertThat(form.select("input[name=frequency][checked]").val()).isEqualTo("annual");
        assertThat(db.sql("SELECT COUNT(*) FROM contribution WHERE amount_minor IN (5000, 6000)")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private MockHttpServletResponse proceed(String frequency, String preset, String custom, String currency)
            throws Exception {
        return mvc.perform(post("/support")
                        .param("frequency", frequency)
                        .param("preset", preset)
                        .param("custom", custom)
                        .param("currency", currency))
                .andReturn()
                .getResponse();
    }

    private int checkoutsFor(long minor) {
        return db.sql("SELECT COUNT(*) FROM checkout WHERE amount_minor = :minor")
                .param("minor", minor)
                .query(Integer.class)
                .single();
    }
}
