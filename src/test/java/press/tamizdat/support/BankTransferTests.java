package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.TestOutbox;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.TamizdatSettings;

/**
 * Bank transfers over HTTP: an admin enters the account for a currency (a bad IBAN or BIC is
 * refused with the reason), readers are offered transfer in that currency only, a pledge shows the
 * account and a reference of the reader's own, a staff member marks the transfer received (in the
 * ledger and the audit log, with the receipt), and an unpaid pledge lapses. Stripe is configured
 * so that nothing is in test mode.
 */
@SpringBootTest(
        properties = {
            "tamizdat.site.name=Tamizdat",
            "tamizdat.support.stripe.secret-key=sk_test_bank",
            "tamizdat.support.stripe.webhook-secret=whsec_bank",
            "tamizdat.support.bank.pledge-validity=30d"
        })
@AutoConfigureMockMvc
class BankTransferTests {

    static final String IBAN = "DE89 3704 0044 0532 0130 00";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    StaffAccounts staff;

    @Autowired
    TamizdatSettings settings;

    @Autowired
    BankTransfers transfers;

    MockHttpSession admin;

    @BeforeEach
    void anAccountInEuros() throws Exception {
        admin = signIn();
        var saved = saveAccount("eur", " Free Press Foundation ", IBAN.toLowerCase(), "cobadeffxxx", "Commerzbank");
        assertThat(saved.getRedirectedUrl()).isEqualTo("/newsroom/bank");
    }

    @Test
    void aBadIbanOrBicIsRefusedWithTheReasonAndKeepsWhatWasTyped() throws Exception {
        var refused = saveAccount("GBP", "Holder", "GB82 WEST 1234 5698 7654 31", "NOTABIC!", "Bank");

        assertThat(refused.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(refused.getContentAsString());
        assertThat(page.select("[role=alert]").text())
                .contains("The IBAN is not valid: check its country, length and check digits.")
                .contains("The BIC is not valid");
        assertThat(page.select("#iban").val()).isEqualTo("GB82WEST12345698765431");
        assertThat(transfers.account("GBP")).isEmpty();
    }

    @Test
    void theAccountIsSavedTidiedAndAudited() {
        assertThat(transfers.account("EUR"))
                .contains(new BankTransfers.Account(
                        "EUR", "Free Press Foundation", "DE89370400440532013000", "COBADEFFXXX", "Commerzbank"));
        assertThat(db.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'bank-account-saved' AND subject = 'EUR'")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void readersAreOfferedTransferOnlyInCurrenciesWithAnAccount() throws Exception {
        var form = Jsoup.parse(
                mvc.perform(get("/support")).andReturn().getResponse().getContentAsString());
        var dollars = proceed("once", "25", "USD");

        assertThat(form.select("input[name=method]").eachAttr("value")).containsExactly("card", "bank");
        assertThat(dollars.getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(dollars.getContentAsString())
                        .select("[role=alert]")
                        .text())
                .contains("Bank transfer is not available in USD. Choose another way to pay, or another currency.");
    }

    @Test
    void aPledgeShowsTheAccountAndAReferenceAndIsRecordedWhenStaffMarkItReceived() throws Exception {
        var pledged = proceed("once", "25", "EUR");
        String page = pledged.getRedirectedUrl();
        assertThat(page).startsWith("/support/bank/");
        var shown = open(page);
        String code = shown.select("#bank-code").text();
        String email = "transfer-" + UUID.randomUUID() + "@example.org";

        assertThat(code).matches("TZ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(shown.select("#bank-iban").text()).isEqualTo("DE89 3704 0044 0532 0130 00");
        assertThat(shown.select("#bank-amount").text()).isEqualTo("€25.00");
        assertThat(mvc.perform(post(page).param("email", "not an address"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(422);
        assertThat(mvc.perform(post(page).param("email", email))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo(page + "?saved=true");
        String reference = page.substring("/support/bank/".length());
        assertThat(status(reference)).as("pledged").isEqualTo("STARTED");

        var marked = mvc.perform(post("/newsroom/bank/received")
                        .param("code", code)
                        .session(admin)
                        .with(csrf()))
                .andReturn()
                .getResponse();
        var again = mvc.perform(post("/newsroom/bank/received")
                        .param("code", code)
                        .session(admin)
                        .with(csrf()))
                .andReturn()
                .getResponse();

        assertThat(marked.getRedirectedUrl()).isEqualTo("/newsroom/bank");
        assertThat(again.getStatus()).as("a one-time gift is received once").isEqualTo(422);
        assertThat(db.sql("""
                        SELECT COUNT(*) FROM contribution WHERE checkout_reference = :c AND provider = 'bank'
                        AND amount_minor = 2500 AND currency = 'EUR' AND status = 'PAID' AND supporter_id IS NOT NULL
                        """).param("c", reference).query(Integer.class).single())
                .isOne();
        assertThat(status(reference)).isEqualTo("COMPLETED");
        assertThat(db.sql(
                                "SELECT COUNT(*) FROM audit_entry WHERE action = 'bank-transfer-received' AND subject = :code")
                        .param("code", code)
                        .query(Integer.class)
                        .single())
                .isOne();
        assertThat(TestOutbox.text(new TestOutbox(settings).first(email))).contains("Amount: €25.00, once");
    }

    @Test
    void aStandingOrderIsMarkedReceivedOnceForEachTransfer() throws Exception {
        String page = proceed("monthly", "6", "EUR").getRedirectedUrl();
        String code = open(page).select("#bank-code").text();
        String reference = page.substring("/support/bank/".length());

        mvc.perform(post("/newsroom/bank/received")
                .param("code", code)
                .session(admin)
                .with(csrf()));
        mvc.perform(post("/newsroom/bank/received")
                .param("code", code.toLowerCase())
                .session(admin)
                .with(csrf()));

        assertThat(db.sql("SELECT kind FROM contribution WHERE checkout_reference = :c ORDER BY id")
                        .param("c", reference)
                        .query(String.class)
                        .list())
                .containsExactly("FIRST", "RENEWAL");
        assertThat(db.sql("SELECT status FROM recurring_support WHERE checkout_reference = :c")
                        .param("c", reference)
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");
        var desk = Jsoup.parse(mvc.perform(get("/newsroom/bank").session(admin).with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(desk.select("#pledges tr:contains(" + code + ")").text()).contains("€6.00 Monthly 2");
    }

    @Test
    void theDesksOwnButtonMarksATransferOnceHoweverOftenItIsPressed() throws Exception {
        String page = proceed("once", "28", "EUR").getRedirectedUrl();
        String code = open(page).select("#bank-code").text();
        String reference = page.substring("/support/bank/".length());
        var desk = Jsoup.parse(mvc.perform(get("/newsroom/bank").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
        var form = desk.select("#pledges tr:contains(" + code + ") form").first();

        // the form as the browser sends it: its own fields, the CSRF token among them
        var first = press(form);
        var second = press(form);

        assertThat(form.select("input[name=_csrf]").val()).isNotBlank();
        assertThat(first.getRedirectedUrl()).isEqualTo("/newsroom/bank");
        assertThat(second.getStatus()).isEqualTo(422);
        assertThat(db.sql("SELECT COUNT(*) FROM contribution WHERE checkout_reference = :c")
                        .param("c", reference)
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void theAccountFormWorksWithItsOwnToken() throws Exception {
        var desk = Jsoup.parse(mvc.perform(get("/newsroom/bank").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
        var form = desk.select("form[action=/newsroom/bank/accounts]").first();
        form.select("#currency").val("CHF");
        form.select("#holder").val("Free Press Foundation");
        form.select("#iban").val("CH93 0076 2011 6238 5295 7");
        form.select("#bic").val("POFICHBEXXX");
        form.select("#bank").val("PostFinance");

        assertThat(press(form).getRedirectedUrl()).isEqualTo("/newsroom/bank");
        assertThat(transfers.account("CHF")).isPresent();
    }

    private MockHttpServletResponse press(org.jsoup.nodes.Element form) throws Exception {
        var request = post(form.attr("action")).session(admin);
        for (var input : form.select("input")) {
            request.param(input.attr("name"), input.val());
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void anUnpaidPledgeLapsesAfterItsTime() throws Exception {
        String page = proceed("once", "27", "EUR").getRedirectedUrl();
        String reference = page.substring("/support/bank/".length());
        db.sql("UPDATE bank_pledge SET created_at = :old WHERE checkout_reference = :c")
                .param("old", OffsetDateTime.now().minusDays(31))
                .param("c", reference)
                .update();

        transfers.expire();

        assertThat(status(reference)).isEqualTo("CANCELLED");
        assertThat(mvc.perform(get(page)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void onlyAdminsSeeAndMarkTransfers() throws Exception {
        String email = "editor-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Editor", Role.EDITOR, "correct horse battery", false);
        var editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");

        assertThat(mvc.perform(get("/newsroom/bank").session(editor).with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(post("/newsroom/bank/received")
                                .param("code", "TZ-0000-0000")
                                .session(editor)
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    // ---------------------------------------------------------------------------------------------

    private MockHttpServletResponse saveAccount(String currency, String holder, String iban, String bic, String bank)
            throws Exception {
        return mvc.perform(post("/newsroom/bank/accounts")
                        .param("currency", currency)
                        .param("holder", holder)
                        .param("iban", iban)
                        .param("bic", bic)
                        .param("bank", bank)
                        .session(admin)
                        .with(csrf()))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse proceed(String frequency, String custom, String currency) throws Exception {
        return mvc.perform(post("/support")
                        .param("frequency", frequency)
                        .param("custom", custom)
                        .param("currency", currency)
                        .param("method", "bank")
                        .with(request -> {
                            request.setRemoteAddr("10.7." + (custom.hashCode() & 0xff) + ".1");
                            return request;
                        }))
                .andReturn()
                .getResponse();
    }

    private Document open(String page) throws Exception {
        return Jsoup.parse(mvc.perform(get(page)).andReturn().getResponse().getContentAsString());
    }

    private String status(String checkout) {
        return db.sql("SELECT status FROM checkout WHERE reference = :c")
                .param("c", checkout)
                .query(String.class)
                .single();
    }

    private MockHttpSession signIn() throws Exception {
        String email = "admin-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Admin", Role.ADMIN, "correct horse battery", false);
        return NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }
}
