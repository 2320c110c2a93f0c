package press.tamizdat.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound webhooks as an admin and a receiver meet them: the endpoint added in the newsroom (its
 * secret shown once), events signed as Standard Webhooks specifies (checked with the
 * specification's own test vector and with its reference library's verifier), a failing receiver
 * retried with the same message id until it answers, or given up, and every delivery listed.
 */
@SpringBootTest(
        properties = {
            "tamizdat.site.url=https://news.example",
            "tamizdat.channels.every=200ms",
            "tamizdat.channels.webhooks.allow-http=true",
            "tamizdat.channels.webhooks.retries=1s,2s"
        })
@AutoConfigureMockMvc
class WebhooksTests {

    static final WireMockServer receiver = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    StaffAccounts staff;

    @Autowired
    ApplicationContext context;

    MockHttpSession admin;

    @BeforeEach
    void signIn() throws Exception {
        admin = NewsroomLogin.signInNew(mvc, staff, Role.ADMIN);
    }

    @Test
    void signaturesMatchTheSpecificationsTestVector() {
        // Standard Webhooks' own vector (libraries/go/webhook_test.go, TestWebhookSign)
        assertThat(WebhookDeliveries.signature(
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330,
                        "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void newSecretsAreStandardWebhooksSecretsAReceiverCanUse() throws Exception {
        String secret = Webhooks.newSecret();
        long now = java.time.Instant.now().getEpochSecond();
        String signature = WebhookDeliveries.signature(secret, "msg_1", now, "{}");

        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        new Webhook(secret)
                .verify(
                        "{}",
                        Map.of(
                                "webhook-id", List.of("msg_1"),
                                "webhook-timestamp", List.of(Long.toString(now)),
                                "webhook-signature", List.of(signature)));
    }

    @Test
    void anEndpointAddedInTheNewsroomReceivesASignedEventWhenAnArticleIsPublished() throws Exception {
        String path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String secret = addEndpoint(path, List.of("article.published"));
        String marker = UUID.randomUUID().toString().substring(0, 8);

        long id = new TestArticles(context).publish(Language.EN, "Hooked " + marker, "Body.", List.of());

        LoggedRequest request = await().atMost(Duration.ofSeconds(20))
                .until(() -> received(path), r -> !r.isEmpty())
                .getFirst();
        String body = request.getBodyAsString();
        new Webhook(secret)
                .verify(
                        body,
                        Map.of(
                                "webhook-id", List.of(request.getHeader("webhook-id")),
                                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                                "webhook-signature", List.of(request.getHeader("webhook-signature"))));
        var event = JsonMapper.builder().build().readTree(body);
        assertThat(event.path("type").asString()).isEqualTo("article.published");
        assertThat(event.path("data").path("id").asLong()).isEqualTo(id);
        assertThat(event.path("data").path("headline").asString()).isEqualTo("Hooked " + marker);
        assertThat(event.path("data").path("url").asString()).startsWith("https://news.example/en/hooked-");
        assertThat(event.path("data").path("api_url").asString())
                .startsWith("https://news.example/api/v1/articles/en/");
        assertThat(request.getHeader("webhook-id")).startsWith("msg_");
        var desk = desk();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> desk().select("#deliveries tr.delivery-delivered")
                        .text()
                        .contains(path));
        assertThat(desk.select("#endpoints").text()).contains(path, "article.published");
    }

    @Test
    void aFailingReceiverGetsTheSameMessageAgainWithGrowingWaitsUntilItAnswers() throws Exception {
        String path = "/flaky/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path))
                .inScenario(path)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("second"));
        receiver.stubFor(post(urlEqualTo(path))
                .inScenario(path)
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("third"));
        receiver.stubFor(post(urlEqualTo(path))
                .inScenario(path)
                .whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));
        addEndpoint(path, List.of("article.published", "article.updated"));

        new TestArticles(context).publish(Language.EN, "Flaky " + UUID.randomUUID(), "Body.", List.of());

        var requests = await().atMost(Duration.ofSeconds(30)).until(() -> received(path), r -> r.size() == 3);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.sql(
                                "SELECT status FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id"
                                        + " WHERE e.url LIKE :url")
                        .param("url", "%" + path)
                        .query(String.class)
                        .single()
                        .equals("DELIVERED"));
        assertThat(requests)
                .extracting(r -> r.getHeader("webhook-id"))
                .containsOnly(requests.getFirst().getHeader("webhook-id"));
        long firstGap = requests.get(1).getLoggedDate().getTime()
                - requests.get(0).getLoggedDate().getTime();
        long secondGap = requests.get(2).getLoggedDate().getTime()
                - requests.get(1).getLoggedDate().getTime();
        // the schedule's waits (1 s, then 2 s) are the least a receiver gets between attempts
        assertThat(firstGap).isGreaterThanOrEqualTo(1_000);
        assertThat(secondGap).isGreaterThanOrEqualTo(2_000);
        assertThat(desk().select("#deliveries tr.delivery-delivered").text()).contains(path, "3");
    }

    @Test
    void aReceiverThatNeverAnswersIsGivenUpAfterTheScheduleAndShownAsFailed() throws Exception {
        String path = "/down/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        addEndpoint(path, List.of("article.published"));

        new TestArticles(context).publish(Language.EN, "Down " + UUID.randomUUID(), "Body.", List.of());

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        desk().select("#deliveries tr.delivery-failed").text().contains(path));
        assertThat(received(path)).hasSize(3);
        assertThat(desk().select("#deliveries tr.delivery-failed").text()).contains("HTTP 500");
    }

    @Test
    void aSwitchedOffEndpointReceivesNothing() throws Exception {
        String path = "/off/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        addEndpoint(path, List.of("article.published"));
        long endpoint = db.sql("SELECT id FROM webhook_endpoint WHERE url LIKE :url")
                .param("url", "%" + path)
                .query(Long.class)
                .single();
        var form = desk().select("form[action=/newsroom/webhooks/" + endpoint + "/active]")
                .first();
        assertThat(press(form).getRedirectedUrl()).isEqualTo("/newsroom/webhooks");

        new TestArticles(context).publish(Language.EN, "Quiet " + UUID.randomUUID(), "Body.", List.of());
        String after = "/after/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(after)).willReturn(aResponse().withStatus(200)));
        addEndpoint(after, List.of("article.published"));
        new TestArticles(context).publish(Language.EN, "Later " + UUID.randomUUID(), "Body.", List.of());

        // the endpoint added afterwards hears the later article: the switched-off one heard neither
        await().atMost(Duration.ofSeconds(20)).until(() -> !received(after).isEmpty());
        assertThat(received(path)).isEmpty();
        assertThat(desk().select("#endpoints").text()).contains("Off");
    }

    @Test
    void badEndpointsAreRefusedWithTheReasonAndKeepWhatWasTyped() throws Exception {
        for (var bad : List.of(
                List.of("javascript:alert(1)", "article.published", "Give an http or https address"),
                List.of("http://user:secret@hooks.example/x", "article.published", "no user name or password"),
                List.of("ftp://hooks.example/x", "article.published", "Give an http or https address"),
                List.of("https://hooks.example/x", "article.deleted", "Choose at least one event."),
                List.of("https://hooks.example/x", "", "Choose at least one event."))) {
            var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/newsroom/webhooks")
                    .session(admin)
                    .with(
                            org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                    .csrf())
                    .param("url", bad.get(0))
                    .param("description", "Partner <b>app</b>");
            if (!bad.get(1).isEmpty()) {
                request.param("events", bad.get(1));
            }
            var response = mvc.perform(request).andReturn().getResponse();

            assertThat(response.getStatus()).as(bad.get(0)).isEqualTo(422);
            var page = Jsoup.parse(response.getContentAsString());
            assertThat(page.select("[role=alert]").text()).as(bad.get(0)).contains(bad.get(2));
            assertThat(page.select("#url").val()).isEqualTo(bad.get(0));
            assertThat(page.select("#description").val()).isEqualTo("Partner <b>app</b>");
        }
        assertThat(db.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE url LIKE '%hooks.example%'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void onlyAdminsSeeWebhooks() throws Exception {
        var editor = NewsroomLogin.signInNew(mvc, staff, Role.EDITOR);

        assertThat(mvc.perform(get("/newsroom/webhooks").session(editor))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    /** Adds an endpoint through the newsroom's own form; returns the secret the page shows once. */
    String addEndpoint(String path, List<String> events) throws Exception {
        var form = desk().select("form[action=/newsroom/webhooks]").first();
        assertThat(form.select("input[name=_csrf]").val()).isNotBlank();
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(form.attr("action"))
                .session(admin)
                .param("_csrf", form.select("input[name=_csrf]").val())
                .param("url", receiver.baseUrl() + path)
                .param("description", "Partner app");
        events.forEach(event -> request.param("events", event));
        var added = mvc.perform(request).andReturn();
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/newsroom/webhooks");
        // the redirect's page, as the browser follows it with the session
        var shown = desk();
        String secret = shown.select("#new-secret code").text();
        assertThat(secret).startsWith("whsec_");
        // shown once: the next visit does not show it
        assertThat(desk().select("#new-secret")).isEmpty();
        return secret;
    }

    Document desk() throws Exception {
        return Jsoup.parse(mvc.perform(get("/newsroom/webhooks").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    MockHttpServletResponse press(org.jsoup.nodes.Element form) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(form.attr("action"))
                .session(admin);
        for (var input : form.select("input")) {
            request.param(input.attr("name"), input.val());
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    static List<LoggedRequest> received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }
}
