package press.tamizdat.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * The Telegram channel fed through the Bot API's Java client against a WireMock server standing in
 * for api.telegram.org: the demo site's articles are posted once each, with their photo and a link
 * that opens the article; a change edits the post, taking the article down deletes it; Telegram's
 * flood limit is waited out; Russian articles go to the Russian channel; an article kept off
 * channels is never posted.
 */
@SpringBootTest(
        properties = {
            "tamizdat.demo=true",
            "tamizdat.site.url=https://news.example",
            "tamizdat.channels.every=200ms",
            "tamizdat.channels.telegram.bot-token=" + TelegramChannelTests.TOKEN,
            "tamizdat.channels.telegram.chat-id=@tamizdat_test",
            "tamizdat.channels.telegram.russian-chat-id=@tamizdat_ru"
        })
@AutoConfigureMockMvc
class TelegramChannelTests {

    static final String TOKEN = "123456:TEST-token";
    static final String BOT = "/bot" + TOKEN;
    static final Pattern LINK = Pattern.compile("<a href=\"https://news\\.example(/[a-z]{2}/[a-z0-9-]+)\">");

    static final WireMockServer telegram = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1")
            .dynamicPort()
            .globalTemplating(true));

    static {
        telegram.start();
        for (String method : List.of("sendPhoto", "sendMessage", "editMessageCaption", "editMessageText")) {
            telegram.stubFor(post(urlPathEqualTo(BOT + "/" + method)).willReturn(sent()));
        }
        telegram.stubFor(post(urlPathEqualTo(BOT + "/deleteMessage"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"result\":true}")));
    }

    /** What Telegram answers a post or an edit: the message, with an id of its own. */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sent() {
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"result\":{\"message_id\":{{randomInt lower=1000 upper=100000000}},"
                        + "\"date\":1764662400,\"chat\":{\"id\":-1001234567890,\"type\":\"channel\"}}}");
    }

    @DynamicPropertySource
    static void api(DynamicPropertyRegistry properties) {
        properties.add("tamizdat.channels.telegram.api-base", telegram::baseUrl);
    }

    @AfterAll
    static void stop() {
        telegram.stop();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    ApplicationContext context;

    @Autowired
    StaffAccounts staff;

    static List<LoggedRequest> calls(String method) {
        return telegram.findAll(postRequestedFor(urlPathEqualTo(BOT + "/" + method)));
    }

    static String field(LoggedRequest request, String name) {
        var parameter = request.formParameters().get(name);
        return parameter == null ? "" : parameter.firstValue();
    }

    /** The posts (photos and messages) whose caption or text holds {@code words}. */
    static List<LoggedRequest> postsWith(String words) {
        var posts = new java.util.ArrayList<LoggedRequest>();
        calls("sendPhoto").stream()
                .filter(r -> field(r, "caption").contains(words))
                .forEach(posts::add);
        calls("sendMessage").stream()
                .filter(r -> field(r, "text").contains(words))
                .forEach(posts::add);
        return posts;
    }

    @Test
    void everyDemoArticleIsPostedOnceWithItsPhotoAndALinkThatOpensIt() throws Exception {
        // the demo site's articles, by the slugs of the demo content (other tests here publish their own)
        var slugs = new java.util.ArrayList<String>();
        for (var file : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath:demo/articles/*.md")) {
            String text = file.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            slugs.add(text.lines()
                    .filter(line -> line.startsWith("slug: "))
                    .findFirst()
                    .orElseThrow()
                    .substring("slug: ".length())
                    .strip());
        }
        var headlines = db.sql("SELECT headline FROM article WHERE status = 'PUBLISHED' AND slug IN (:slugs)")
                .param("slugs", slugs)
                .query(String.class)
                .list();
        assertThat(headlines).hasSizeGreaterThanOrEqualTo(10);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> headlines.stream()
                        .allMatch(h -> !postsWith(TelegramPosts.escape(h)).isEmpty()));

        int photos = 0;
        for (String headline : headlines) {
            var posts = postsWith(TelegramPosts.escape(headline));
            assertThat(posts).as(headline).hasSize(1);
            var post = posts.getFirst();
            String text = post.getUrl().endsWith("sendPhoto") ? field(post, "caption") : field(post, "text");
            assertThat(text).startsWith("<b>");
            assertThat(field(post, "parse_mode")).isEqualTo("HTML");
            var link = LINK.matcher(text);
            assertThat(link.find()).as(text).isTrue();
            assertThat(mvc.perform(get(link.group(1))).andReturn().getResponse().getStatus())
                    .as(link.group(1))
                    .isEqualTo(200);
            if (post.getUrl().endsWith("sendPhoto")) {
                photos++;
                String photo = field(post, "photo");
                assertThat(photo).startsWith("https://news.example/media/");
                var image = mvc.perform(get(photo.substring("https://news.example".length())))
                        .andReturn()
                        .getResponse();
                assertThat(image.getStatus()).isEqualTo(200);
                assertThat(image.getContentType()).startsWith("image/");
                assertThat(text.length()).isLessThanOrEqualTo(TelegramPosts.CAPTION_LIMIT + 200);
            } else {
                assertThat(field(post, "link_preview_options")).contains(link.group(1));
            }
            String chat = field(post, "chat_id");
            assertThat(chat).isEqualTo(link.group(1).startsWith("/ru/") ? "@tamizdat_ru" : "@tamizdat_test");
        }
        assertThat(photos).isPositive();
        assertThat(db.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'telegram-posted'")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(headlines.size());
    }

    @Test
    void aChangeEditsThePostAndTakingTheArticleDownDeletesIt() {
        var articles = new TestArticles(context);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        long id = articles.publish(Language.EN, "Telegram & <friends> " + marker, "Body.", List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> !postsWith(marker).isEmpty());
        var posted = postsWith(marker).getFirst();
        assertThat(field(posted, "text")).startsWith("<b>Telegram &amp; &lt;friends&gt; " + marker + "</b>");
        long message = db.sql("SELECT message_id FROM telegram_post WHERE item = :item")
                .param("item", TelegramPosts.article(id))
                .query(Long.class)
                .single();

        articles.rename(id, "renamed-" + marker);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> calls("editMessageText").stream()
                        .anyMatch(r -> field(r, "text").contains("/en/renamed-" + marker)));
        var edit = calls("editMessageText").stream()
                .filter(r -> field(r, "text").contains("/en/renamed-" + marker))
                .findFirst()
                .orElseThrow();
        assertThat(field(edit, "message_id")).isEqualTo(Long.toString(message));

        articles.unpublish(id);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> calls("deleteMessage").stream()
                        .anyMatch(r -> field(r, "message_id").equals(Long.toString(message))));
        assertThat(postsWith(marker)).hasSize(1);
    }

    @Test
    void telegramsFloodLimitIsWaitedOutThenThePostIsMade() {
        String marker = "flood-" + UUID.randomUUID().toString().substring(0, 8);
        telegram.stubFor(post(urlPathEqualTo(BOT + "/sendMessage"))
                .withRequestBody(containing(marker))
                .inScenario(marker)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 2\","
                                        + "\"parameters\":{\"retry_after\":2}}"))
                .willSetStateTo("waited"));
        telegram.stubFor(post(urlPathEqualTo(BOT + "/sendMessage"))
                .withRequestBody(containing(marker))
                .inScenario(marker)
                .whenScenarioStateIs("waited")
                .willReturn(sent()));

        new TestArticles(context).publish(Language.EN, "Busy " + marker, "Body.", List.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> postsWith(marker).size() == 2);
        var tries = postsWith(marker);
        long waited = tries.get(1).getLoggedDate().getTime()
                - tries.get(0).getLoggedDate().getTime();
        assertThat(waited).isGreaterThanOrEqualTo(2_000);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> db.sql(
                                        "SELECT COUNT(*) FROM telegram_post p JOIN article a ON p.item = CONCAT('article-', a.id)"
                                                + " WHERE a.headline = :h AND p.message_id IS NOT NULL AND p.due = FALSE")
                                .param("h", "Busy " + marker)
                                .query(Integer.class)
                                .single()
                        == 1);
    }

    @Test
    void aFailedPostIsTriedAgainLaterWithTheReasonKept() {
        String marker = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        telegram.stubFor(post(urlPathEqualTo(BOT + "/sendMessage"))
                .withRequestBody(containing(marker))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));

        long id = new TestArticles(context).publish(Language.EN, "Broken " + marker, "Body.", List.of());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.sql("SELECT attempts FROM telegram_post WHERE item = :item")
                                .param("item", TelegramPosts.article(id))
                                .query(Integer.class)
                                .optional()
                                .orElse(0)
                        == 1);
        var row = db.sql("SELECT due, last_error, next_attempt_at FROM telegram_post WHERE item = :item")
                .param("item", TelegramPosts.article(id))
                .query((rs, n) -> List.of(
                        rs.getBoolean("due"),
                        rs.getString("last_error"),
                        rs.getObject("next_attempt_at", java.time.OffsetDateTime.class)))
                .single();
        assertThat(db.sql("SELECT subject FROM audit_entry WHERE action = 'telegram-failed'")
                        .query(String.class)
                        .list())
                .anySatisfy(subject -> assertThat(subject)
                        .isEqualTo(TelegramPosts.article(id) + " · attempt 1 · 400 Bad Request: chat not found"));
        assertThat(row.get(0)).isEqualTo(true);
        assertThat((String) row.get(1)).contains("chat not found");
        assertThat(((java.time.OffsetDateTime) row.get(2)).toInstant())
                .isAfter(java.time.Instant.now().plusSeconds(5));
    }

    @Test
    void anArticleKeptOffChannelsInTheEditorIsNeverPosted() throws Exception {
        String email = "editor-" + UUID.randomUUID() + "@example.org";
        staff.create(email, "Channel Editor", Role.EDITOR, "correct horse battery", false);
        var editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        long section = db.sql("SELECT id FROM section WHERE slug = 'news'")
                .query(Long.class)
                .single();
        var form = Jsoup.parse(mvc.perform(get("/newsroom/articles/new").session(editor))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .select("input[name=offChannels]");
        assertThat(form).hasSize(1);
        String off = "Off " + UUID.randomUUID().toString().substring(0, 8);
        String on = "On " + UUID.randomUUID().toString().substring(0, 8);

        for (String headline : List.of(off, on)) {
            var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/newsroom/articles")
                    .session(editor)
                    .with(
                            org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                    .csrf())
                    .param("language", "en")
                    .param("headline", headline)
                    .param("body", "Words.")
                    .param("bylines", "A Reporter")
                    .param("sectionId", Long.toString(section))
                    .param("action", "publish");
            if (headline.equals(off)) {
                request.param("offChannels", "true");
            }
            mvc.perform(request);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> !postsWith(on).isEmpty());
        long offId = db.sql("SELECT id FROM article WHERE headline = :h")
                .param("h", off)
                .query(Long.class)
                .single();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.sql("SELECT COUNT(*) FROM telegram_post WHERE item = :item AND due = FALSE")
                                .param("item", TelegramPosts.article(offId))
                                .query(Integer.class)
                                .single()
                        == 1);
        assertThat(postsWith(off)).isEmpty();
        var page = Jsoup.parse(mvc.perform(get("/newsroom/articles/" + offId).session(editor))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(page.select("input[name=offChannels]").hasAttr("checked")).isTrue();
    }

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void aSentEditionIsAnnouncedOnceWithALinkToItsPage() {
        String subject = "The Week " + UUID.randomUUID().toString().substring(0, 8);
        long newsletter =
                db.sql("SELECT MIN(id) FROM newsletter").query(Long.class).single();
        long editor = db.sql("SELECT MIN(id) FROM staff").query(Long.class).single();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("""
                        INSERT INTO edition (newsletter_id, subject, intro, full_text, status, sent_at, created_by, created_at, version)
                        VALUES (:n, :subject, '', FALSE, 'SENT', CURRENT_TIMESTAMP, :by, CURRENT_TIMESTAMP, 0)
                        """)
                .param("n", newsletter)
                .param("subject", subject)
                .param("by", editor)
                .update(keys, "id");
        long edition = keys.getKey().longValue();

        // as the newsletter announces the end of a send, inside its transaction
        transactions.executeWithoutResult(status -> events.publishEvent(new press.tamizdat.newsletter.EditionSent(
                edition, "The Week", subject, "/newsletter/archive/" + edition)));

        await().atMost(Duration.ofSeconds(20)).until(() -> !postsWith(subject).isEmpty());
        var post = postsWith(subject).getFirst();
        assertThat(field(post, "chat_id")).isEqualTo("@tamizdat_test");
        assertThat(field(post, "text")).contains("https://news.example/newsletter/archive/" + edition);
        assertThat(postsWith(subject)).hasSize(1);
    }

    @Test
    void aLongStandfirstIsShortenedToFitTheCaption() {
        String standfirst = "word ".repeat(400).strip();
        var article = new press.tamizdat.publishing.PublishedArticle(
                1,
                Language.EN,
                "/en/long",
                "Long",
                standfirst,
                List.of(),
                new press.tamizdat.publishing.Section(1, "news", "News"),
                List.of(),
                java.time.Instant.now(),
                null,
                null,
                null,
                null,
                "",
                List.of(),
                null);

        String caption = TelegramPosts.post(article, "https://news.example/en/long", TelegramPosts.CAPTION_LIMIT);

        String visible = org.springframework.web.util.HtmlUtils.htmlUnescape(caption.replaceAll("<[^>]+>", ""));
        assertThat(visible.length()).isLessThanOrEqualTo(TelegramPosts.CAPTION_LIMIT);
        assertThat(caption)
                .contains("…")
                .endsWith("<a href=\"https://news.example/en/long\">https://news.example/en/long</a>");
    }
}
