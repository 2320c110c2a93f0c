package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.UUID;
import java.util.regex.Pattern;
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
import press.tamizdat.TestOutbox;
import press.tamizdat.platform.TamizdatSettings;

/** Invitations: mailed, used once, expiring, withdrawn; the new member's password must be strong. */
@SpringBootTest
@AutoConfigureMockMvc
class StaffInvitationTests {

    static final Pattern LINK = Pattern.compile("https?://\\S+(/newsroom/join/[A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient db;

    @Autowired
    TamizdatSettings settings;

    MockHttpSession admin;
    String invitee;

    @BeforeEach
    void anAdmin() throws Exception {
        String email = "inviter-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Inviter", Role.ADMIN, "correct horse battery", false);
        admin = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        invitee = "invitee-" + UUID.randomUUID() + "@example.org";
    }

    String invite(Role role) throws Exception {
        mvc.perform(post("/newsroom/staff/invitations")
                        .session(admin)
                        .with(csrf())
                        .param("email", invitee)
                        .param("name", "New Colleague")
                        .param("role", role.name()))
                .andExpect(redirectedUrl("/newsroom/staff"));
        var link = LINK.matcher(TestOutbox.text(new TestOutbox(settings).first(invitee)));
        assertThat(link.find()).isTrue();
        return link.group(1);
    }

    org.springframework.mock.web.MockHttpServletResponse join(String path, String password) throws Exception {
        return mvc.perform(post(path)
                        .with(csrf())
                        .param("name", "New Colleague")
                        .param("password", password)
                        .param("confirmation", password))
                .andReturn()
                .getResponse();
    }

    @Test
    void anInvitationMakesTheAccountOnceWithItsRoleAndLeadsToEnrolment() throws Exception {
        String path = invite(Role.EDITOR);

        assertThat(Jsoup.parse(mvc.perform(get(path)).andReturn().getResponse().getContentAsString())
                        .select("main p")
                        .first()
                        .text())
                .contains(invitee)
                .contains("Editor");
        var joined = join(path, "lantern orchard vinyl glacier");

        assertThat(joined.getRedirectedUrl()).isEqualTo("/newsroom/second-factor");
        assertThat(accounts.findByEmail(invitee).orElseThrow().role()).isEqualTo(Role.EDITOR);
        assertThat(join(path, "another strong passphrase here").getContentAsString())
                .contains("This invitation link no longer works");
    }

    @Test
    void theInvitationRefusesAWeakPasswordAndKeepsTheLinkGood() throws Exception {
        String path = invite(Role.AUTHOR);

        var weak = join(path, "password1234");

        assertThat(Jsoup.parse(weak.getContentAsString()).select("[role=alert]").text())
                .startsWith("This password is too easy to guess");
        assertThat(accounts.findByEmail(invitee)).isEmpty();
        assertThat(join(path, "lantern orchard vinyl glacier").getRedirectedUrl())
                .isEqualTo("/newsroom/second-factor");
    }

    @Test
    void anExpiredInvitationDoesNotWork() throws Exception {
        String path = invite(Role.AUTHOR);
        db.sql("UPDATE staff_invitation SET expires_at = created_at WHERE email = :e")
                .param("e", invitee)
                .update();

        assertThat(mvc.perform(get(path)).andReturn().getResponse().getContentAsString())
                .contains("This invitation link no longer works");
        assertThat(join(path, "lantern orchard vinyl glacier").getContentAsString())
                .contains("This invitation link no longer works");
        assertThat(accounts.findByEmail(invitee)).isEmpty();
    }

    @Test
    void aWithdrawnInvitationDoesNotWork() throws Exception {
        String path = invite(Role.AUTHOR);
        long id = db.sql("SELECT id FROM staff_invitation WHERE email = :e")
                .param("e", invitee)
                .query(Long.class)
                .single();

        mvc.perform(post("/newsroom/staff/invitations/" + id + "/withdraw")
                        .session(admin)
                        .with(csrf()))
                .andExpect(redirectedUrl("/newsroom/staff"));

        assertThat(join(path, "lantern orchard vinyl glacier").getContentAsString())
                .contains("This invitation link no longer works");
    }

    @Test
    void anAddressAlreadyOnTheStaffIsNotInvitedAgain() throws Exception {
        accounts.create(invitee, "Already", Role.AUTHOR, "correct horse battery", false);

        String page = mvc.perform(post("/newsroom/staff/invitations")
                        .session(admin)
                        .with(csrf())
                        .param("email", invitee)
                        .param("name", "Again")
                        .param("role", "EDITOR"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(page).select("[role=alert]").text())
                .isEqualTo("Someone on the staff already has this address.");
        assertThat(new TestOutbox(settings).to(invitee)).isEmpty();
    }

    @Test
    void theTokenIsKeptOnlyAsAKeyedHash() throws Exception {
        String path = invite(Role.AUTHOR);
        String token = path.substring(path.lastIndexOf('/') + 1);

        String stored = db.sql("SELECT token_hash FROM staff_invitation WHERE email = :e")
                .param("e", invitee)
                .query(String.class)
                .single();

        assertThat(stored).hasSize(64).doesNotContain(token);
    }

    @Test
    void invitingAndJoiningAreInTheAuditLog() throws Exception {
        String path = invite(Role.AUTHOR);
        join(path, "lantern orchard vinyl glacier");

        assertThat(db.sql("SELECT action FROM audit_entry WHERE subject LIKE :s ORDER BY id")
                        .param("s", invitee + "%")
                        .query(String.class)
                        .list())
                .containsExactly("staff-invited", "staff-joined");
    }
}
