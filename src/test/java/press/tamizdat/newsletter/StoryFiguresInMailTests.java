package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * A story's pictures and clips in a full-text edition, as a test mail arrives through a real SMTP
 * server (GreenMail): the pictures at mail width from our own address with their captions, a
 * Telegram post as a still of our own that links to the post, and no placement line left as text.
 */
@SpringBootTest(
        properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025", "tamizdat.site.url=https://news.example"})
@AutoConfigureMockMvc
class StoryFiguresInMailTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    Editions editions;

    @Autowired
    Newsletters newsletters;

    @Autowired
    ApplicationContext context;

    @Test
    void aTestEditionCarriesTheStorysTwoPhotosAndTheTelegramPostAsALinkedStill() throws Exception {
        String email = "mail-figures-" + UUID.randomUUID() + "@example.org";
        var editor = staff.create(email, "Figures editor", Role.EDITOR, "correct horse battery", false);
        var session = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        var test = new TestArticles(context);
        String first = test.placedPhoto(1200, 800, "Strikers at the gate", "Day three of the strike", "Photo: M. Ko");
        String second = test.placedPhoto(900, 600, "The union hall", "", "");
        long article = test.publish(
                Language.EN,
                "The strike in pictures " + UUID.randomUUID(),
                "The gate.\n\n" + first + "\n\nThe hall.\n\n" + second + "\n\n[embed https://t.me/strike_news/77]\n",
                List.of());
        long edition = editions.create(newsletters.all().getFirst().id(), editor.id());
        editions.add(edition, article, "News");
        long version = editions.find(edition).orElseThrow().version();
        editions.save(edition, version, new Editions.Changes("The strike", "", true, Map.of(), Map.of()));

        mvc.perform(post("/newsroom/editions/" + edition + "/test")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessagesForDomain(email).length == 1);
        var mail = smtp.getReceivedMessagesForDomain(email)[0];
        var html = Jsoup.parse(press.tamizdat.TestOutbox.html(mail));
        var pictures = html.select("img[src^=https://news.example/media/]");
        assertThat(pictures).hasSize(2);
        assertThat(pictures.eachAttr("alt")).containsExactly("Strikers at the gate", "The union hall");
        assertThat(pictures.eachAttr("width")).containsOnly("560");
        assertThat(html.text()).contains("Day three of the strike Photo: M. Ko");
        var still = html.selectFirst("a[href=https://t.me/strike_news/77] img");
        assertThat(still).isNotNull();
        assertThat(still.attr("src")).isEqualTo("https://news.example/assets/embed-telegram.png");
        assertThat(still.attr("alt")).startsWith("Post: @strike_news");
        assertThat(html.select("iframe, figure, [data-embed-src]")).isEmpty();
        assertThat(html.select("img").eachAttr("src")).allMatch(src -> src.startsWith("https://news.example/"));
        String text = press.tamizdat.TestOutbox.text(mail);
        assertThat(text).contains("https://t.me/strike_news/77").doesNotContain("[photo", "[embed");

        mvc.perform(get("/assets/embed-telegram.png")).andExpect(status().isOk());
    }
}
