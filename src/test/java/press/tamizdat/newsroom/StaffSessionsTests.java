package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.SessionCookies;

/**
 * Staff sessions: a new id once sign-in completes, the absolute timeout, the second factor asked
 * again before sensitive actions, and ending sessions — by the member, by an admin, by deactivating
 * the member or changing their role — taking effect at the session's very next request.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffSessionsTests {

    static final String PASSWORD = "correct horse battery";
    static final String CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    StaffSessions sessions;

    @Autowired
    JdbcClient db;

    record Member(StaffMember member, String email, MockHttpSession session) {}

    Member signedIn(Role role) throws Exception {
        String email = "sessions-" + UUID.randomUUID() + "@example.org";
        var member = accounts.create(email, "Sessions " + role, role, PASSWORD, false);
        return new Member(member, email, NewsroomLogin.signIn(mvc, email, PASSWORD));
    }

    @Autowired
    SessionRepository<? extends Session> stored;

    StaffAuthentication authentication(MockHttpSession session) {
        return (StaffAuthentication)
                ((SecurityContext) SessionCookies.attribute(stored, session, CONTEXT)).getAuthentication();
    }

    /** The same sign-in as if it had started and last shown its second factor at the given times. */
    void backdate(MockHttpSession session, Instant signedInAt, Instant confirmedAt) {
        var now = authentication(session);
        SessionCookies.change(
                stored,
                session,
                kept -> kept.setAttribute(
                        CONTEXT,
                        new SecurityContextImpl(new StaffAuthentication(
                                now.getPrincipal(), now.ref(), now.factor(), signedInAt, confirmedAt))));
    }

    @Test
    void theSessionGetsANewIdWhenSignInCompletes() throws Exception {
        String email = "fixation-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Fixation", Role.AUTHOR, PASSWORD, false);
        var session = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        NewsroomLogin.enrol(mvc, email, session);
        var again = NewsroomLogin.signInWithPassword(mvc, email, PASSWORD);
        String beforeSecondFactor = SessionCookies.id(again);

        mvc.perform(post("/newsroom/second-factor")
                        .session(again)
                        .with(csrf())
                        .param("code", NewsroomLogin.authenticator(email).nextCode()))
                .andExpect(redirectedUrl("/newsroom"));

        assertThat(SessionCookies.id(again)).isNotEqualTo(beforeSecondFactor);
    }

    @Test
    void aSignInEndsAfterTheAbsoluteTimeoutHoweverBusy() throws Exception {
        var author = signedIn(Role.AUTHOR);
        var now = Instant.now();
        backdate(author.session(), now.minus(Duration.ofHours(12).plusMinutes(1)), now);

        mvc.perform(get("/newsroom/articles").session(author.session()))
                .andExpect(redirectedUrl("/newsroom/login?expired"));
        mvc.perform(get("/newsroom/articles").session(author.session())).andExpect(status().is3xxRedirection());
        assertThat(sessions.openOf(author.member())).isEmpty();
    }

    @Test
    void aSensitiveActionAsksForTheSecondFactorAgainWhenLastShownTooLongAgo() throws Exception {
        var admin = signedIn(Role.ADMIN);
        var now = Instant.now();
        backdate(admin.session(), now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(11)));

        mvc.perform(get("/newsroom/articles").session(admin.session())).andExpect(status().isOk());
        mvc.perform(get("/newsroom/subscribers.csv").session(admin.session()))
                .andExpect(redirectedUrl("/newsroom/confirm?next=%2Fnewsroom%2Fsubscribers.csv"));
        mvc.perform(post("/newsroom/confirm")
                        .session(admin.session())
                        .with(csrf())
                        .param("code", "000000")
                        .param("next", "/newsroom/subscribers.csv"))
                .andExpect(status().isOk());
        mvc.perform(post("/newsroom/confirm")
                        .session(admin.session())
                        .with(csrf())
                        .param(
                                "code",
                                NewsroomLogin.authenticator(admin.email()).nextCode())
                        .param("next", "/newsroom/subscribers.csv"))
                .andExpect(redirectedUrl("/newsroom/subscribers.csv"));

        mvc.perform(get("/newsroom/subscribers.csv").session(admin.session())).andExpect(status().isOk());
    }

    @Test
    void theConfirmationPageSendsOnlyToNewsroomPages() throws Exception {
        var admin = signedIn(Role.ADMIN);

        mvc.perform(post("/newsroom/confirm")
                        .session(admin.session())
                        .with(csrf())
                        .param(
                                "code",
                                NewsroomLogin.authenticator(admin.email()).nextCode())
                        .param("next", "https://evil.example/newsroom"))
                .andExpect(redirectedUrl("/newsroom"));
    }

    @Test
    void aNextPageWithBracesIsFollowedAsWrittenNotExpandedAsATemplate() throws Exception {
        var admin = signedIn(Role.ADMIN);

        mvc.perform(post("/newsroom/confirm")
                        .session(admin.session())
                        .with(csrf())
                        .param(
                                "code",
                                NewsroomLogin.authenticator(admin.email()).nextCode())
                        .param("next", "/newsroom/{nope}?a={b}"))
                .andExpect(redirectedUrl("/newsroom/%7Bnope%7D?a=%7Bb%7D"));
    }

    @Test
    void aSessionAnAdminEndsIsRefusedAtItsNextRequest() throws Exception {
        var author = signedIn(Role.AUTHOR);
        var admin = signedIn(Role.ADMIN);
        String ref = authentication(author.session()).ref();
        assertThat(sessions.openOf(author.member()))
                .extracting(StaffSessions.OpenSession::ref)
                .contains(ref);

        mvc.perform(post("/newsroom/staff/" + author.member().id() + "/sessions/" + ref + "/end")
                        .session(admin.session())
                        .with(csrf()))
                .andExpect(redirectedUrl("/newsroom/staff/" + author.member().id()));

        mvc.perform(get("/newsroom/articles").session(author.session()))
                .andExpect(redirectedUrl("/newsroom/login?expired"));
        assertThat(lastAudit("staff-session-ended")).contains(author.email());
    }

    @Test
    void aMemberEndsTheirOwnOtherSession() throws Exception {
        var author = signedIn(Role.AUTHOR);
        var laptop = NewsroomLogin.signIn(mvc, author.email(), PASSWORD);
        String phoneRef = authentication(author.session()).ref();

        mvc.perform(post("/newsroom/account/sessions/" + phoneRef + "/end")
                        .session(laptop)
                        .with(csrf()))
                .andExpect(redirectedUrl("/newsroom/account"));

        mvc.perform(get("/newsroom/articles").session(author.session()))
                .andExpect(redirectedUrl("/newsroom/login?expired"));
        mvc.perform(get("/newsroom/articles").session(laptop)).andExpect(status().isOk());
    }

    @Test
    void changingThePasswordEndsTheMembersOtherSessions() throws Exception {
        var author = signedIn(Role.AUTHOR);
        var laptop = NewsroomLogin.signIn(mvc, author.email(), PASSWORD);

        mvc.perform(post("/newsroom/password")
                        .session(laptop)
                        .with(csrf())
                        .param("current", PASSWORD)
                        .param("replacement", "lantern orchard vinyl glacier")
                        .param("confirmation", "lantern orchard vinyl glacier"))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/newsroom/articles").session(author.session()))
                .andExpect(redirectedUrl("/newsroom/login?expired"));
        mvc.perform(get("/newsroom/articles").session(laptop)).andExpect(status().isOk());
        assertThat(lastAudit("staff-password-changed")).isEqualTo("1 other sessions ended");
    }

    @Test
    void deactivatingAMemberEndsTheirSessionsAndTheirSignInsAtOnce() throws Exception {
        var editor = signedIn(Role.EDITOR);
        var admin = signedIn(Role.ADMIN);

        mvc.perform(post("/newsroom/staff/" + editor.member().id() + "/deactivate")
                        .session(admin.session())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/newsroom/articles").session(editor.session()))
                .andExpect(redirectedUrl("/newsroom/login?expired"));
        mvc.perform(formLogin("/newsroom/login")
                        .userParameter("email")
                        .user(editor.email())
                        .password(PASSWORD))
                .andExpect(redirectedUrl("/newsroom/login?error"));
        assertThat(lastAudit("staff-deactivated")).contains(editor.email()).contains("1 sessions ended");
    }

    @Test
    void aNewRoleTakesEffectAtOnceBySigningTheMemberOut() throws Exception {
        var editor = signedIn(Role.EDITOR);
        var admin = signedIn(Role.ADMIN);

        mvc.perform(post("/newsroom/staff/" + editor.member().id() + "/role")
                        .session(admin.session())
                        .with(csrf())
                        .param("role", "CONTRIBUTOR"))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/newsroom/newsletters").session(editor.session()))
                .andExpect(redirectedUrl("/newsroom/login?expired"));
        var again = NewsroomLogin.signIn(mvc, editor.email(), PASSWORD);
        mvc.perform(get("/newsroom/newsletters").session(again)).andExpect(status().isForbidden());
        assertThat(lastAudit("staff-role-changed")).contains(editor.email()).contains("editor to contributor");
    }

    @Test
    void anAdminCannotDemoteOrDeactivateThemselves() throws Exception {
        var admin = signedIn(Role.ADMIN);

        mvc.perform(post("/newsroom/staff/" + admin.member().id() + "/role")
                        .session(admin.session())
                        .with(csrf())
                        .param("role", "AUTHOR"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/newsroom/staff/" + admin.member().id() + "/deactivate")
                        .session(admin.session())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(accounts.find(admin.member().id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
        mvc.perform(get("/newsroom/staff").session(admin.session())).andExpect(status().isOk());
    }

    @Test
    void signingOutEndsTheSessionRecord() throws Exception {
        var author = signedIn(Role.AUTHOR);

        mvc.perform(post("/newsroom/logout").session(author.session()).with(csrf()))
                .andExpect(redirectedUrl("/newsroom/login?logout"));

        assertThat(sessions.openOf(author.member())).isEmpty();
    }

    String lastAudit(String action) {
        return db.sql("SELECT subject FROM audit_entry WHERE action = :action ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("action", action)
                .query(String.class)
                .single();
    }
}
