package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;

/** Bad input to an edition is refused with a message on the form, which keeps what was typed. */
@SpringBootTest
@AutoConfigureMockMvc
class EditionDeskTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    Editions editions;

    @Autowired
    Newsletters newsletters;

    MockHttpSession editor;
    long edition;

    @BeforeEach
    void anEditorWithADraft() throws Exception {
        String email = "editor-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Editor", Role.EDITOR, "correct horse battery", false);
        editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        edition = editions.create(newsletters.all().getFirst().id(), 1);
    }

    @Test
    void aSubjectWithALineBreakIsRefusedAndTheDraftKeepsItsSubject() throws Exception {
        var response = save("Friday\r\nBcc: everyone@example.org", "Intro");

        assertThat(response.getStatus()).isEqualTo(422);
        var page = Jsoup.parse(response.getContentAsString());
        assertThat(page.select("[role=alert]").text()).contains("one line");
        assertThat(page.select("textarea[name=intro]").text()).isEqualTo("Intro");
        assertThat(editions.find(edition).orElseThrow().subject()).isEqualTo("The Week");
    }

    @Test
    void aHugeIntroductionIsRefusedWithAMessage() throws Exception {
        var response = save("Friday", "word ".repeat(10_000));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(response.getContentAsString())
                        .select("[role=alert]")
                        .text())
                .isNotBlank();
        assertThat(editions.find(edition).orElseThrow().intro()).isEmpty();
    }

    @Test
    void aGoodSubjectAndIntroductionAreSaved() throws Exception {
        var response = save("Friday: strikes and libraries", "This week *matters*.");

        assertThat(response.getStatus()).isEqualTo(302);
        var saved = editions.find(edition).orElseThrow();
        assertThat(saved.subject()).isEqualTo("Friday: strikes and libraries");
        assertThat(saved.intro()).isEqualTo("This week *matters*.");
    }

    private org.springframework.mock.web.MockHttpServletResponse save(String subject, String intro) throws Exception {
        return mvc.perform(post("/newsroom/editions/" + edition)
                        .session(editor)
                        .with(csrf())
                        .param(
                                "version",
                                Long.toString(
                                        editions.find(edition).orElseThrow().version()))
                        .param("subject", subject)
                        .param("intro", intro))
                .andReturn()
                .getResponse();
    }
}
