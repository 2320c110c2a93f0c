package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;

/**
 * The audit log: sign-ins and failed ones, exports and reading mail are recorded with who, what
 * and when, sessions and clients as keyed marks (no address); admins read and export it.
 */
@SpringBootTest(properties = "tamizdat.site.name=Tamizdat")
@AutoConfigureMockMvc
class AuditLogTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient db;

    @Test
    void signInsAndFailedSignInsAreRecordedWithMarksInsteadOfAddresses() throws Exception {
        String admin = newMember(Role.ADMIN);
        String nobody = "nobody-" + UUID.randomUUID() + "@example.org";

        NewsroomLogin.signIn(mvc, admin, "correct horse battery");
        mvc.perform(formLogin("/newsroom/login").user("email", admin).password("wrong password"));
        mvc.perform(formLogin("/newsroom/login").user("email", nobody).password("anything at all"));

        assertThat(entriesBy(admin)).contains("password-accepted", "totp-enrolled", "sign-in", "sign-in-failed");
        assertThat(entriesBy(nobody)).containsExactly("sign-in-failed");
        var signIn = audit.latest(100).stream()
                .filter(e -> admin.equals(e.staffEmail()) && e.action().equals("sign-in"))
                .findFirst()
                .orElseThrow();
        assertThat(signIn.clientRef()).matches("[0-9a-f]{16}");
        assertThat(signIn.subject()).isEqualTo("totp");
        assertThat(signIn.sessionRef()).matches("[0-9a-f]{16}");
        assertThat(db.sql("""
                                SELECT COUNT(*) FROM audit_entry
                                WHERE client_ref LIKE '%127.0.0.1%' OR session_ref LIKE '%127%' OR subject LIKE '%127.0.0.1%'
                                """).query(Integer.class).single()).isZero();
    }

    @Test
    void exportsAndReadingMailAreRecorded() throws Exception {
        String admin = newMember(Role.ADMIN);
        var session = NewsroomLogin.signIn(mvc, admin, "correct horse battery");

        mvc.perform(get("/newsroom/subscribers.csv").session(session));
        mvc.perform(get("/newsroom/revenue.csv").session(session));

        assertThat(entriesBy(admin)).contains("subscribers-exported", "revenue-exported");
        var marks = audit.latest(100).stream()
                .filter(e -> admin.equals(e.staffEmail()) && e.action().endsWith("-exported"))
                .map(AuditLog.Entry::sessionRef)
                .distinct()
                .toList();
        assertThat(marks).as("one session, one mark").hasSize(1);
    }

    @Test
    void onlyAdminsReadTheLogAndItsExportIsItselfRecorded() throws Exception {
        String admin = newMember(Role.ADMIN);
        var adminSession = NewsroomLogin.signIn(mvc, admin, "correct horse battery");
        MockHttpSession editor = NewsroomLogin.signIn(mvc, newMember(Role.EDITOR), "correct horse battery");

        var page = Jsoup.parse(mvc.perform(get("/newsroom/audit").session(adminSession))
                .andReturn()
                .getResponse()
                .getContentAsString());
        var csv = mvc.perform(get("/newsroom/audit.csv").session(adminSession))
                .andReturn()
                .getResponse();

        assertThat(page.select("tbody tr").text()).contains(admin, "sign-in");
        assertThat(csv.getContentAsString()).startsWith("at,staff,action,subject,session,client\r\n");
        assertThat(entriesBy(admin)).contains("audit-exported");
        assertThat(mvc.perform(get("/newsroom/audit").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/newsroom/audit.csv").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    private List<String> entriesBy(String email) {
        return audit.latest(500).stream()
                .filter(e -> email.equals(e.staffEmail()))
                .map(AuditLog.Entry::action)
                .toList();
    }

    private String newMember(Role role) {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
        staff.create(email, role.name(), role, "correct horse battery", false);
        return email;
    }
}
