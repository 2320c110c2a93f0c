package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.TestOutbox;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.TestArticles;

/**
 * An edition's links lead where the newsroom chose for its newsletter — the main site, the first
 * healthy mirror (the article's file there) or the onion address — as the test mail shows.
 */
@SpringBootTest(
        properties = {
            "spring.application.name=tamizdat-edition-links",
            // the example mirror answers nowhere: checked, it would not be healthy
            "tamizdat.reach.health.enabled=false"
        })
@AutoConfigureMockMvc
class EditionLinksTests {

    static final String ONION = "duskgytldkxiuqc6bq5anpwtsc2iypeb4aexzd6hv6q2ynxtwdr2wkad.onion";

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

    @Autowired
    TamizdatSettings settings;

    MockHttpSession admin;
    String email;
    long newsletter;
    long edition;

    @BeforeEach
    void anEditionWithOneArticleAndTwoOtherAddresses() throws Exception {
        email = "links-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Admin", Role.ADMIN, "correct horse battery", false);
        admin = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        mvc.perform(post("/newsroom/mirrors")
                .session(admin)
                .with(csrf())
                .param("mirrorLines", "https://mirror-one.example.org\nhttps://mirror-two.example.net")
                .param("onion", ONION));
        newsletter = newsletters.all().getFirst().id();
        newsletters.linkTo(newsletter, LinkTo.SITE);
        long article = new TestArticles(context).publish(Language.EN, "Reachable links", "Body.", List.of());
        edition = editions.create(newsletter, 1);
        editions.add(edition, article, "News");
    }

    @Test
    void linksLeadToTheMainSiteByDefault() throws Exception {
        assertThat(newsletters.find(newsletter).orElseThrow().linkTo()).isEqualTo(LinkTo.SITE);

        assertThat(testMail()).containsPattern("\\Qhttp://localhost:8080/en/reachable-links\\E[-a-z0-9]*\\r?\\n");
    }

    @Test
    void linksLeadToTheArticlesFileOnTheFirstMirror() throws Exception {
        choose("MIRROR");

        assertThat(testMail())
                .containsPattern(
                        "\\Qhttps://mirror-one.example.org/en/reachable-links\\E[-a-z0-9]*/index\\.html\\r?\\n")
                .doesNotContain("http://localhost:8080/en/reachable-links");
    }

    @Test
    void linksLeadToTheOnionAddress() throws Exception {
        choose("ONION");

        assertThat(testMail()).containsPattern("\\Qhttp://" + ONION + "/en/reachable-links\\E[-a-z0-9]*\\r?\\n");
    }

    @Test
    void aFullTextEditionsLinksLeadToTheChosenCopyAndItsPicturesComeFromTheMirror() throws Exception {
        var test = new TestArticles(context);
        String photo = test.placedPhoto(900, 600, "A quay at dawn", "", "");
        long article = test.publish(
                Language.EN,
                "Pictures from the mirror",
                "The quay.\n\n" + photo + "\n\n[embed https://t.me/quay_news/5]\n\nSee [the other story](/en/other),"
                        + " [its second part](/en/other#second) and [a search](/search?q=quay).\n",
                List.of());
        long fullText = editions.create(newsletter, 1);
        editions.add(fullText, article, "News");
        long version = editions.find(fullText).orElseThrow().version();
        editions.save(fullText, version, new Editions.Changes("The quay", "", true, Map.of(), Map.of()));
        choose("MIRROR");

        var html = Jsoup.parse(TestOutbox.html(testMailOf(fullText)));

        String mirror = "https://mirror-one.example.org/";
        assertThat(html.select("img[alt=A quay at dawn]").attr("src")).startsWith(mirror + "media/");
        assertThat(html.select("a[href=https://t.me/quay_news/5] img").attr("src"))
                .isEqualTo(mirror + "assets/embed-telegram.png");
        assertThat(html.select("a:contains(the other story)").attr("href")).isEqualTo(mirror + "en/other/index.html");
        assertThat(html.select("a:contains(its second part)").attr("href"))
                .isEqualTo(mirror + "en/other/index.html#second");
        // a mirror has no search: that link goes to the site
        assertThat(html.select("a:contains(a search)").attr("href")).isEqualTo("http://localhost:8080/search?q=quay");
        assertThat(html.select("img").eachAttr("src")).allMatch(src -> src.startsWith(mirror));

        // links to the onion address, pictures still from the mirror: no mail client reaches an onion
        choose("ONION");
        var onOnion = Jsoup.parse(TestOutbox.html(testMailOf(fullText)));
        assertThat(onOnion.select("a:contains(the other story)").attr("href"))
                .isEqualTo("http://" + ONION + "/en/other");
        assertThat(onOnion.select("img").eachAttr("src")).isNotEmpty().allMatch(src -> src.startsWith(mirror));
    }

    @Test
    void anUnknownChoiceIsRefusedAndChangesNothing() throws Exception {
        var refused = mvc.perform(post("/newsroom/newsletters/" + newsletter + "/links")
                        .session(admin)
                        .with(csrf())
                        .param("linkTo", "ELSEWHERE"))
                .andReturn()
                .getResponse();

        assertThat(refused.getStatus()).isEqualTo(404);
        assertThat(newsletters.find(newsletter).orElseThrow().linkTo()).isEqualTo(LinkTo.SITE);
    }

    private void choose(String linkTo) throws Exception {
        var saved = mvc.perform(post("/newsroom/newsletters/" + newsletter + "/links")
                        .session(admin)
                        .with(csrf())
                        .param("linkTo", linkTo))
                .andReturn()
                .getResponse();
        assertThat(saved.getRedirectedUrl()).isEqualTo("/newsroom/newsletters");
    }

    /** Sends the edition's test mail to the signed-in admin and returns its text. */
    private String testMail() throws Exception {
        return TestOutbox.text(testMailOf(edition));
    }

    private jakarta.mail.internet.MimeMessage testMailOf(long id) throws Exception {
        var outbox = new TestOutbox(settings);
        int before = outbox.to(email).size();
        mvc.perform(post("/newsroom/editions/" + id + "/test").session(admin).with(csrf()));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.to(email).size() > before);
        return outbox.to(email).getLast();
    }
}
