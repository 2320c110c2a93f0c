package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;

/** Staff sign in with Argon2id-hashed passwords; a one-time password must be replaced first. */
@SpringBootTest
@AutoConfigureMockMvc
class StaffLoginTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient db;

    @Autowired
    SecondFactors secondFactors;

    static final Pattern ONE_TIME = Pattern.compile("one-time password:\\s+(\\S+)");

    String email() {
        return "staff-" + UUID.randomUUID() + "@example.org";
    }

    /** An empty staff table, as on a new installation (with what hangs off it). */
    void emptyStaff() {
        for (String table :
                List.of("staff_session", "staff_recovery_code", "staff_totp", "staff_invitation", "staff")) {
            db.sql("DELETE FROM " + table).update();
        }
    }

    /** Runs the first-admin bootstrap against an empty staff table, capturing the console. */
    String bootstrapPrintingOneTimePassword(String email) {
        emptyStaff();
        var console = new ByteArrayOutputStream();
        new FirstAdmin(accounts, secondFactors, email, "", "", new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(null);
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void storesPasswordsAsArgon2idHashes() {
        String email = email();
        accounts.create(email, "Hash", Role.AUTHOR, "correct horse battery", false);

        String hash = db.sql("SELECT password_hash FROM staff WHERE email = :e")
                .param("e", email)
                .query(String.class)
                .single();

        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse battery");
    }

    @Test
    void firstAdminGetsAOneTimePasswordPrintedOnce() {
        String email = email();

        String console = bootstrapPrintingOneTimePassword(email);

        var matcher = ONE_TIME.matcher(console);
        assertThat(matcher.find()).isTrue();
        assertThat(accounts.findByEmail(email))
                .get()
                .extracting(StaffMember::role)
                .isEqualTo(Role.ADMIN);
        assertThat(accounts.mustChangePassword(email)).isTrue();
        assertThat(bootstrapAgainPrintsNothing()).isEmpty();
    }

    String bootstrapAgainPrintsNothing() {
        var console = new ByteArrayOutputStream();
        new FirstAdmin(accounts, secondFactors, email(), "", "", new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(null);
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void configuredAdminPasswordNeedsNoChange() {
        emptyStaff();
        String email = email();

        new FirstAdmin(accounts, secondFactors, email, "a configured long password", "", System.out).run(null);

        assertThat(accounts.mustChangePassword(email)).isFalse();
    }

    @Test
    void oneTimePasswordLeadsToThePasswordPageUntilChanged() throws Exception {
        String email = email();
        var matcher = ONE_TIME.matcher(bootstrapPrintingOneTimePassword(email));
        assertThat(matcher.find()).isTrue();
        String oneTime = matcher.group(1);
        var session = NewsroomLogin.signInWithPassword(mvc, email, oneTime);

        mvc.perform(get("/newsroom/articles").session(session)).andExpect(redirectedUrl("/newsroom/password"));
        mvc.perform(post("/newsroom/password")
                        .session(session)
                        .with(csrf())
                        .param("current", oneTime)
                        .param("replacement", "my own long passphrase")
                        .param("confirmation", "my own long passphrase"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/newsroom/articles").session(session)).andExpect(redirectedUrl("/newsroom/second-factor"));
        NewsroomLogin.enrol(mvc, email, session);

        mvc.perform(get("/newsroom/articles").session(session)).andExpect(status().isOk());
        NewsroomLogin.signIn(mvc, email, "my own long passphrase");
    }

    @Test
    void refusesAShortNewPassword() throws Exception {
        String email = email();
        accounts.create(email, "Short", Role.EDITOR, "correct horse battery", true);
        var session = NewsroomLogin.signInWithPassword(mvc, email, "correct horse battery");

        String page = mvc.perform(post("/newsroom/password")
                        .session(session)
                        .with(csrf())
                        .param("current", "correct horse battery")
                        .param("replacement", "short")
                        .param("confirmation", "short"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("at least 12 characters");
        assertThat(accounts.mustChangePassword(email)).isTrue();
    }

    @Test
    void wrongPasswordDoesNotSignIn() throws Exception {
        String email = email();
        accounts.create(email, "Wrong", Role.EDITOR, "correct horse battery", false);

        mvc.perform(formLogin("/newsroom/login")
                        .userParameter("email")
                        .user(email)
                        .password("not the password"))
                .andExpect(redirectedUrl("/newsroom/login?error"));
    }

    @Test
    void newsroomNeedsSignIn() throws Exception {
        mvc.perform(get("/newsroom/articles"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/newsroom/login"));
    }

    @Test
    void stateChangesNeedTheCsrfToken() throws Exception {
        String email = email();
        accounts.create(email, "Csrf", Role.EDITOR, "correct horse battery", false);
        var session = NewsroomLogin.signIn(mvc, email, "correct horse battery");

        mvc.perform(post("/newsroom/articles").session(session).param("headline", "Forged"))
                .andExpect(status().isForbidden());
    }

    @Test
    void healthAnswersUp() throws Exception {
        String body = mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(body).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
    }

    @Test
    void withoutAManagementPortMetricsAreForAdminsOnly() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().is3xxRedirection());
        var editor = NewsroomLogin.signInNew(mvc, accounts, Role.EDITOR);
        mvc.perform(get("/actuator/prometheus").session(editor)).andExpect(status().isForbidden());

        var admin = NewsroomLogin.signInNew(mvc, accounts, Role.ADMIN);
        mvc.perform(get("/actuator/prometheus").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("tamizdat_pages_render_seconds")));
    }

    @Test
    void loadBalancersFindTheNodeLiveAndReady() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/livez", "/readyz")) {
            mvc.perform(get(probe))
                    .andExpect(status().isOk())
                    .andExpect(content().json("{\"status\":\"UP\"}"));
        }
    }
}
