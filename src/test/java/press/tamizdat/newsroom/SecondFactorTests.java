package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.SessionCookies;

/** The second factor: enrolment first, TOTP codes and recovery codes each accepted once, no shortcut. */
@SpringBootTest
@AutoConfigureMockMvc
class SecondFactorTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient db;

    @Autowired
    SessionRepository<? extends Session> stored;

    String member(Role role) {
        String email = "factor-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Factor", role, PASSWORD, false);
        return email;
    }

    String enrolled(Role role) throws Exception {
        String email = member(role);
        NewsroomLogin.signIn(mvc, email, PASSWORD);
        return email;
    }

    int codeAnswer(MockHttpSession session, String code) throws Exception {
        var response = mvc.perform(post("/newsroom/second-factor")
                        .session(session)
                        .with(csrf())
                        .param("code", code))
                .andReturn()
                .getResponse();
        return response.getRedirectedUrl() == null ? response.getStatus() : 302;
    }

    @Test
    void aFirstSignInMustEnrolASecondFactorBeforeAnythingElse() throws Exception {
        String email = member(Role.ADMIN);
        var session = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);

        mvc.perform(get("/newsroom/articles").session(session)).andExpect(redirectedUrl("/newsroom/second-factor"));
        String page = mvc.perform(get("/newsroom/second-factor").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(page).select("h1").text()).isEqualTo("Set up a second factor");
        assertThat(Jsoup.parse(page).select("a[href=/newsroom/second-factor/totp]"))
                .hasSize(1);
    }

    @Test
    void enrolmentRefusesAWrongCodeAndKeepsTheKeyOnThePage() throws Exception {
        String email = member(Role.AUTHOR);
        var session = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        String key = Jsoup.parse(mvc.perform(get("/newsroom/second-factor/totp").session(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .select("code.secret")
                .text();

        String page = mvc.perform(post("/newsroom/second-factor/totp")
                        .session(session)
                        .with(csrf())
                        .param("code", "123456"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(page).select("[role=alert]").text()).contains("not right");
        assertThat(Jsoup.parse(page).select("code.secret").text()).isEqualTo(key);
        assertThat(Jsoup.parse(page).select("svg path")).hasSize(1);
    }

    @Test
    void anAuthenticatorCodeIsAcceptedOnceOnly() throws Exception {
        String email = enrolled(Role.AUTHOR);
        var first = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        var second = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        String code = NewsroomLogin.authenticator(email).nextCode();

        assertThat(codeAnswer(first, code)).isEqualTo(302);
        assertThat(codeAnswer(second, code)).isEqualTo(200);
        mvc.perform(get("/newsroom/articles").session(second)).andExpect(redirectedUrl("/newsroom/second-factor"));
    }

    @Test
    void aRecoveryCodeSignsInOnceAndSaysSo() throws Exception {
        String email = enrolled(Role.AUTHOR);
        String recovery = NewsroomLogin.authenticator(email).recoveryCode();
        var first = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        var second = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);

        mvc.perform(post("/newsroom/second-factor").session(first).with(csrf()).param("code", recovery.toUpperCase()))
                .andExpect(redirectedUrl("/newsroom/account?recovery-code-used"));
        assertThat(codeAnswer(second, recovery)).isEqualTo(200);

        String account = mvc.perform(get("/newsroom/account?recovery-code-used").session(first))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(account).contains("Recovery codes left: 9");
    }

    @Test
    void aPasswordAloneCannotAddAFactorToAnAccountThatHasOne() throws Exception {
        String email = enrolled(Role.ADMIN);
        var passwordOnly = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);

        mvc.perform(get("/newsroom/second-factor/totp").session(passwordOnly))
                .andExpect(redirectedUrl("/newsroom/second-factor"));
        // (Spring Security answers the options request before authorisation; the registration is what counts)
        mvc.perform(post("/webauthn/register")
                        .session(passwordOnly)
                        .with(csrf())
                        .contentType("application/json")
                        .content("{}"))
                .andExpect(redirectedUrl("/newsroom/second-factor"));
        mvc.perform(get("/newsroom/second-factor/passkey").session(passwordOnly))
                .andExpect(redirectedUrl("/newsroom/second-factor"));
    }

    @Test
    void thePasskeyPageCompletesNoSignInForAFactorAddedElsewhere() throws Exception {
        String email = member(Role.ADMIN);
        var attacker = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        mvc.perform(get("/newsroom/second-factor").session(attacker)).andExpect(status().isOk());
        // meanwhile the owner enrols, in a session of their own
        NewsroomLogin.signIn(mvc, email, PASSWORD);

        mvc.perform(get("/newsroom/second-factor/passkey").session(attacker))
                .andExpect(redirectedUrl("/newsroom/second-factor"));
        mvc.perform(get("/newsroom/articles").session(attacker)).andExpect(redirectedUrl("/newsroom/second-factor"));
    }

    @Test
    void passkeysMustVerifyTheUser() throws Exception {
        String email = member(Role.AUTHOR);
        var session = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);

        String creation = mvc.perform(
                        post("/webauthn/register/options").session(session).with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String request = mvc.perform(post("/webauthn/authenticate/options").with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(creation).contains("\"userVerification\":\"required\"").contains("\"residentKey\":\"required\"");
        assertThat(request).contains("\"userVerification\":\"required\"");
    }

    @Test
    void aMemberDeactivatedBetweenPasswordAndCodeIsNotSignedIn() throws Exception {
        String email = enrolled(Role.AUTHOR);
        var session = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        accounts.setActive(accounts.findByEmail(email).orElseThrow().id(), false);

        mvc.perform(post("/newsroom/second-factor")
                        .session(session)
                        .with(csrf())
                        .param("code", NewsroomLogin.authenticator(email).nextCode()))
                .andExpect(redirectedUrl("/newsroom/login?expired"));
    }

    @Test
    void aMemberDemotedBetweenPasswordAndCodeSignsInWithTheNewRole() throws Exception {
        String email = enrolled(Role.EDITOR);
        var session = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        accounts.setRole(accounts.findByEmail(email).orElseThrow().id(), Role.CONTRIBUTOR);

        assertThat(codeAnswer(session, NewsroomLogin.authenticator(email).nextCode()))
                .isEqualTo(302);

        mvc.perform(get("/newsroom/newsletters").session(session)).andExpect(status().isForbidden());
    }

    @Test
    void aPasswordAloneCannotChangeThePasswordOfAnEnrolledAccount() throws Exception {
        String email = enrolled(Role.AUTHOR);
        var passwordOnly = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);

        mvc.perform(post("/newsroom/password")
                        .session(passwordOnly)
                        .with(csrf())
                        .param("current", PASSWORD)
                        .param("replacement", "lantern orchard vinyl glacier")
                        .param("confirmation", "lantern orchard vinyl glacier"))
                .andExpect(redirectedUrl("/newsroom/second-factor"));
        NewsroomLogin.signIn(mvc, email, PASSWORD);
    }

    @Test
    void thePasswordStepLastsOnlyAShortWhile() throws Exception {
        String email = enrolled(Role.AUTHOR);
        var session = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        SessionCookies.change(
                stored,
                session,
                kept -> kept.setAttribute(
                        SignIns.PASSWORD_ACCEPTED_AT,
                        java.time.Instant.now()
                                .minus(SessionLimits.PASSWORD_STEP)
                                .minusSeconds(1)));

        mvc.perform(get("/newsroom/second-factor").session(session))
                .andExpect(redirectedUrl("/newsroom/login?expired"));
    }

    @Test
    void wrongCodesAreThrottledLikeWrongPasswords() throws Exception {
        String email = enrolled(Role.AUTHOR);
        var session = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(codeAnswer(session, "000000")).isEqualTo(200);
        }

        String page = mvc.perform(post("/newsroom/second-factor")
                        .session(session)
                        .with(csrf())
                        .param("code", NewsroomLogin.authenticator(email).nextCode()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(page).select("[role=alert]").text()).startsWith("Too many wrong codes. Wait");
        mvc.perform(get("/newsroom/articles").session(session)).andExpect(redirectedUrl("/newsroom/second-factor"));
        assertThat(db.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'second-factor-failed' AND staff_email = :e")
                        .param("e", email)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void totpSecretsAreSealedAtRest() throws Exception {
        String email = enrolled(Role.AUTHOR);

        String stored = db.sql("SELECT t.secret FROM staff_totp t JOIN staff s ON s.id = t.staff_id WHERE s.email = :e")
                .param("e", email)
                .query(String.class)
                .single();

        assertThat(stored)
                .startsWith("v1:")
                .doesNotContain(NewsroomLogin.authenticator(email).secret());
    }

    @Test
    void newRecoveryCodesReplaceTheOldOnes() throws Exception {
        String email = member(Role.AUTHOR);
        var session = NewsroomLogin.signIn(mvc, email, PASSWORD);
        String old = NewsroomLogin.authenticator(email).recoveryCode();

        String page = mvc.perform(post("/newsroom/account/recovery-codes")
                        .session(session)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(page).select("ul.recovery-codes li")).hasSize(10);
        var next = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        assertThat(codeAnswer(next, old)).isEqualTo(200);
    }
}
