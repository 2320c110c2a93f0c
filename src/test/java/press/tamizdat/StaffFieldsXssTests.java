package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The XSS corpus through every field the newsroom edits that reaches readers outside the article
 * itself (the article's own fields have {@code SanitizationTests}): a static page's title and
 * body, the campaign's banner, appeal title and appeal body, and a newsletter edition's subject,
 * introduction, item heading and teaser — in the public pages and in the mail. Each goes in through
 * the newsroom's own forms, as staff would type it; nothing executable may come out.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffFieldsXssTests {

    static final Set<String> OUR_SCRIPTS = Set.of("/assets/site.js");
    static final String ADMIN = "xss-admin-" + UUID.randomUUID() + "@example.org";

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient db;

    @Autowired
    TamizdatSettings settings;

    MockHttpSession admin;

    @BeforeEach
    void anAdmin() throws Exception {
        if (accounts.findByEmail(ADMIN).isEmpty()) {
            accounts.create(ADMIN, "XSS Admin", Role.ADMIN, "correct horse battery", false);
        }
        admin = NewsroomLogin.signIn(mvc, ADMIN, "correct horse battery");
    }

    /** The corpus as one text: every payload, each its own paragraph. */
    static String everyPayload(int max) {
        String all = String.join("\n\n", XssCorpus.payloads());
        return all.length() <= max ? all : all.substring(0, max);
    }

    /** The one-line payloads, cut to a field's length. */
    static List<String> oneLinePayloads(int max) {
        return XssCorpus.payloads().stream()
                .filter(p -> !p.contains("\n"))
                .map(p -> p.length() <= max ? p : p.substring(0, max))
                .toList();
    }

    /**
     * Mail carries inline styles (mail clients ignore style sheets): those of our own template, as a
     * plain edition shows them, are allowed; any other style, and anything else executable, is not.
     */
    static void assertNothingExecutableInMail(Document mail, Set<String> ourStyles, String where) {
        assertThat(mail.select("[style]").eachAttr("style")).as(where).allMatch(ourStyles::contains);
        mail.select("[style]").removeAttr("style");
        assertNothingExecutable(mail, where);
    }

    static void assertNothingExecutable(Document page, String where) {
        // our own forms (newsletter signup, search, contribution, reminder) and the buttons that hide
        // the banner and the appeal are set aside; any other would be injected
        page.select("form[action=/newsletter], form[action=/search], form[action=/support], "
                        + "details.remind-later:has(> form.remind-form[action=/support/remind]), "
                        + "form[action=/support/remind], [data-quiet] > button.quiet-dismiss[type=button]")
                .remove();
        assertThat(XssCorpus.dangers(page.body(), OUR_SCRIPTS)).as(where).isEmpty();
        assertThat(page.head().select("script:not([type=application/ld+json])"))
                .as(where)
                .allMatch(script -> OUR_SCRIPTS.contains(script.attr("src")));
        assertThat(page.head().select("base, meta[http-equiv=refresh]"))
                .as(where)
                .isEmpty();
    }

    Document get(String path) throws Exception {
        return Jsoup.parse(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                        .session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    Document publicPage(String path) throws Exception {
        return Jsoup.parse(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    long publishedArticle() throws Exception {
        String headline = "Plain headline " + UUID.randomUUID();
        long section = db.sql("SELECT id FROM section WHERE slug = 'news'")
                .query(Long.class)
                .single();
        var response = mvc.perform(post("/newsroom/articles")
                        .session(admin)
                        .with(csrf())
                        .param("language", "en")
                        .param("headline", headline)
                        .param("body", "A plain body.")
                        .param("bylines", "A Reporter")
                        .param("sectionId", Long.toString(section))
                        .param("action", "publish"))
                .andReturn()
                .getResponse();
        assertThat(db.sql("SELECT status FROM article WHERE headline = :h")
                        .param("h", headline)
                        .query(String.class)
                        .single())
                .as(response.getContentAsString())
                .isEqualTo("PUBLISHED");
        return db.sql("SELECT id FROM article WHERE headline = :h")
                .param("h", headline)
                .query(Long.class)
                .single();
    }

    @Test
    void aStaticPagesTitleAndBodyCarryNothingExecutable() throws Exception {
        long privacy = db.sql("SELECT id FROM page WHERE slug = 'privacy' AND language = 'EN'")
                .query(Long.class)
                .single();
        for (String title : oneLinePayloads(200)) {
            mvc.perform(post("/newsroom/pages/" + privacy)
                    .session(admin)
                    .with(csrf())
                    .param(
                            "lockVersion",
                            db.sql("SELECT lock_version FROM page WHERE id = :id")
                                    .param("id", privacy)
                                    .query(String.class)
                                    .single())
                    .param("title", title)
                    .param("body", everyPayload(100_000)));
            assertNothingExecutable(publicPage("/privacy"), "page titled " + title);
        }
    }

    @Test
    void theCampaignsBannerAndAppealCarryNothingExecutable() throws Exception {
        long article = publishedArticle();
        String slug = db.sql("SELECT slug FROM article WHERE id = :id")
                .param("id", article)
                .query(String.class)
                .single();
        for (String line : oneLinePayloads(120)) {
            var saved = mvc.perform(campaign(line, line, everyPayload(5000)))
                    .andReturn()
                    .getResponse();
            assertThat(saved.getStatus()).as(line).isEqualTo(302);
            assertNothingExecutable(publicPage("/"), "home with banner " + line);
            assertNothingExecutable(publicPage("/en/" + slug), "appeal titled " + line);
            assertNothingExecutable(publicPage("/support"), "support page titled " + line);
        }
    }

    @Test
    void aNewslettersSubjectIntroductionHeadingAndTeaserCarryNothingExecutable() throws Exception {
        long article = publishedArticle();
        long newsletter = db.sql("SELECT id FROM newsletter ORDER BY id FETCH FIRST 1 ROWS ONLY")
                .query(Long.class)
                .single();
        String created = mvc.perform(post("/newsroom/newsletters/" + newsletter + "/editions")
                        .session(admin)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long edition = Long.parseLong(created.substring(created.lastIndexOf('/') + 1));
        mvc.perform(post("/newsroom/editions/" + edition + "/items")
                .session(admin)
                .with(csrf())
                .param("articleId", Long.toString(article))
                .param("heading", "News"));
        long item = db.sql("SELECT id FROM edition_item WHERE edition_id = :e")
                .param("e", edition)
                .query(Long.class)
                .single();
        save(edition, item, "Plain subject", "Plain intro.", "News", "Plain teaser.");
        Set<String> ourStyles = Set.copyOf(get("/newsroom/editions/" + edition + "/preview")
                .select("[style]")
                .eachAttr("style"));
        var lines = oneLinePayloads(80);
        for (String line : lines) {
            save(edition, item, line, everyPayload(20_000), line, everyPayload(2_000));
            assertNothingExecutableInMail(
                    get("/newsroom/editions/" + edition + "/preview"), ourStyles, "edition preview with " + line);
        }
        var outbox = new TestOutbox(settings);
        int before = outbox.to(ADMIN).size();
        mvc.perform(
                post("/newsroom/editions/" + edition + "/test").session(admin).with(csrf()));
        var mails = outbox.to(ADMIN);
        assertThat(mails).hasSize(before + 1);
        assertNothingExecutableInMail(Jsoup.parse(html(mails.getLast())), ourStyles, "the test mail");
    }

    void save(long edition, long item, String subject, String intro, String heading, String teaser) throws Exception {
        long version = db.sql("SELECT version FROM edition WHERE id = :e")
                .param("e", edition)
                .query(Long.class)
                .single();
        var saved = mvc.perform(post("/newsroom/editions/" + edition)
                        .session(admin)
                        .with(csrf())
                        .param("version", Long.toString(version))
                        .param("subject", subject)
                        .param("intro", intro)
                        .param("heading-" + item, heading)
                        .param("teaser-" + item, teaser))
                .andReturn()
                .getResponse();
        assertThat(saved.getStatus()).as(subject).isEqualTo(302);
    }

    org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder campaign(
            String banner, String title, String body) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("showBanner", "yes");
        fields.put("showAppeal", "yes");
        fields.put("remindLater", "yes");
        fields.put("defaultFrequency", "monthly");
        fields.put("text.en.banner", banner);
        fields.put("text.en.title", title);
        fields.put("text.en.body", body);
        fields.put("text.ru.banner", "Поддержите {site}!");
        fields.put("text.ru.title", "Обращение {site}");
        fields.put("text.ru.body", "Наша журналистика бесплатна для читателей.");
        fields.put("currency[0].code", "USD");
        fields.put("currency[0].minimum", "2.00");
        fields.put("currency[0].maximum", "10000.00");
        fields.put("currency[0].once", "10.00; 25.00");
        fields.put("currency[0].monthly", "5.00; 10.00");
        fields.put("currency[0].annual", "50.00; 100.00");
        var request = post("/newsroom/campaign").session(admin).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    static String html(MimeMessage message) throws Exception {
        var content = message.getContent();
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType("text/html")) {
                    return (String) part.getContent();
                }
            }
        }
        throw new AssertionError("The mail has no HTML part");
    }
}
