package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.TestOutbox;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.TamizdatSettings;

/**
 * With no SMTP host set (the embedded default), mail goes to {@code $TAMIZDAT_DATA_DIR/mail/outbox/}
 * as .eml files, which admins read in the newsroom with the links clickable.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OutboxTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Newsletters newsletters;

    @Autowired
    TamizdatSettings settings;

    @Autowired
    StaffAccounts staff;

    @Test
    void theConfirmationMailLandsInTheOutboxAndAdminsCanFollowItsLink() throws Exception {
        mvc.perform(post("/newsletter")
                .param("email", "outbox-reader@example.org")
                .param("newsletter", Long.toString(newsletters.all().getFirst().id())));
        // other tests share this application and its outbox: wait for this reader's mail alone
        new TestOutbox(settings).first("outbox-reader@example.org");

        String email = "admin-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Admin", Role.ADMIN, "correct horse battery", false);
        var admin = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        var list = Jsoup.parse(mvc.perform(get("/newsroom/outbox").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(list.title()).startsWith("Outbox · ");
        var entry = list.selectFirst("tr:contains(outbox-reader@example.org) a[href^=/newsroom/outbox/]");
        assertThat(entry).isNotNull();
        assertThat(list.text()).contains("outbox-reader@example.org");

        var message = Jsoup.parse(mvc.perform(get(entry.attr("href")).session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(message.select("a[href*=/newsletter/confirm?token=]")).hasSize(1);
    }

    @Test
    void onlyAdminsMayReadTheOutbox() throws Exception {
        String email = "editor-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Editor", Role.EDITOR, "correct horse battery", false);
        var editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");

        assertThat(mvc.perform(get("/newsroom/outbox").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/newsroom/outbox"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("not signed in")
                .isEqualTo(302);
    }
}
