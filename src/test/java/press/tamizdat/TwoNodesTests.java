package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.KeyRotation;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.ArticleImports;
import press.tamizdat.publishing.TestArticles;

/**
 * Two application nodes on one PostgreSQL database, each with its own page cache, search index and
 * data directory, as they run behind a load balancer: what the newsroom does on one, readers of the
 * other see at once. Runs on PostgreSQL whenever one is configured (in both of CI's runs).
 */
class TwoNodesTests {

    static final HttpClient http = HttpClient.newHttpClient();
    static final String MEDIA = "outlet-media";
    static final String ADMIN = "chief@example.org";
    static final String PASSWORD = "four unrelated words here";
    static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static TestBucket store;

    @BeforeAll
    static void startTwoNodes() {
        assumeTrue(TestDatabase.postgresAvailable(), "several nodes need PostgreSQL (TAMIZDAT_TEST_POSTGRES_URL)");
        store = TestBucket.start(MEDIA);
        database = UUID.randomUUID().toString();
        first = node(database, "a");
        second = node(database, "b");
    }

    static String database;

    static ConfigurableApplicationContext node(String database, String name) {
        var arguments = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--tamizdat.test.database=postgres",
                "--tamizdat.test.database-name=" + database,
                "--tamizdat.test.node=" + name));
        // the keys every node of a site shares (each would otherwise make its own in its data directory)
        arguments.add("--tamizdat.secret=" + "a1".repeat(32));
        arguments.add("--tamizdat.security.key=" + "b2".repeat(32));
        arguments.add("--tamizdat.support.key=" + "c3".repeat(32));
        arguments.add("--tamizdat.channels.key=" + "d4".repeat(32));
        arguments.add("--tamizdat.admin.email=" + ADMIN);
        arguments.add("--tamizdat.admin.password=" + PASSWORD);
        arguments.add("--tamizdat.admin.totp-secret=" + SECRET);
        for (String setting : store.mediaSettings(MEDIA)) {
            arguments.add("--" + setting);
        }
        return new SpringApplicationBuilder(TamizdatApplication.class).run(arguments.toArray(String[]::new));
    }

    @AfterAll
    static void stopNodes() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aKeyRotationIsRefusedWhileAnotherNodeUsesTheDatabase() {
        var rotation = second.getBean(KeyRotation.class);

        assertThatThrownBy(() -> rotation.rotate(List.of("TAMIZDAT_CHANNELS_KEY")))
                .isInstanceOf(KeyRotation.Refused.class)
                .hasMessageStartingWith("1 other node uses this database: stop every node");
        assertThat(rotation.envFile()).doesNotExist();
        assertThat(first.getBean(Keys.class)
                        .loaded()
                        .get("TAMIZDAT_CHANNELS_KEY")
                        .key())
                .isEqualTo(HexFormat.of().parseHex("d4".repeat(32)));
    }

    @Test
    void aNodeCountsTheOthersButNotItselfFromItsStartAndForgetsANodeOnceItStops() {
        var third = node(database, "third");
        try {
            // at once: the third node's own listening connection is not one of the others
            assertThatThrownBy(() -> third.getBean(KeyRotation.class).rotate(List.of("TAMIZDAT_CHANNELS_KEY")))
                    .isInstanceOf(KeyRotation.Refused.class)
                    .hasMessageStartingWith("2 other nodes use this database");
        } finally {
            third.close();
        }
        assertThatThrownBy(() -> second.getBean(KeyRotation.class).rotate(List.of("TAMIZDAT_CHANNELS_KEY")))
                .isInstanceOf(KeyRotation.Refused.class)
                .hasMessageStartingWith("1 other node uses this database");
    }

    @Test
    void aStaffSessionBegunOnOneNodeGoesOnOnTheOtherAndEndsOnBoth() throws Exception {
        // one browser, its cookies sent to both nodes (as behind a load balancer, on one address)
        var browser = new HttpForms();

        var signedIn = browser.signIn(first, second, ADMIN, PASSWORD, SECRET);

        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/newsroom"));
        var desk = browser.get(first, "/newsroom/articles");
        assertThat(desk.statusCode()).isEqualTo(200);

        browser.post(second, "/newsroom/logout", Map.of("_csrf", HttpForms.csrf(desk.body())));

        var after = browser.get(first, "/newsroom/articles");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).contains("/newsroom/login"));
    }

    @Test
    void aPhotoUploadedOnOneNodeIsServedByTheOther() throws Exception {
        var admin = first.getBean(StaffAccounts.class).all().stream()
                .filter(member -> member.role() == Role.ADMIN)
                .findFirst()
                .orElseThrow();
        var photo = first.getBean(ArticleImports.class).storeImage(photo(), admin);

        var served = getBytes(second, photo.src());

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.body()).isEqualTo(getBytes(first, photo.src()).body());
    }

    static byte[] photo() throws IOException {
        var image = new java.awt.image.BufferedImage(800, 600, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    static HttpResponse<byte[]> getBytes(ConfigurableApplicationContext node, String path)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anArticlePublishedOnOneNodeIsOnTheOthersCachedPagesAndInItsSearchWithinASecond() throws Exception {
        String marker = "Quokka" + UUID.randomUUID().toString().substring(0, 8);
        // the other node has the front page and a results page cached before the publication
        assertThat(get(second, "/").body()).doesNotContain(marker);
        assertThat(get(second, "/search?q=" + marker).body()).doesNotContain("Story of " + marker);

        long id = new TestArticles(first)
                .publish(Language.EN, "Story of " + marker, "Body of " + marker + ".", List.of());
        long published = System.nanoTime();

        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    assertThat(get(second, "/").body()).contains("Story of " + marker);
                    assertThat(get(second, "/search?q=" + marker).body()).contains("Story of " + marker);
                });
        System.out.printf(
                "The other node showed the article and found it %d ms after the publication committed%n",
                Duration.ofNanos(System.nanoTime() - published).toMillis());
        String path = new TestArticles(first).path(id);
        assertThat(get(second, path).statusCode()).isEqualTo(200);
    }

    @Test
    void aNodeWhoseLinkBrokeCatchesUpWithWhatItMissed() throws Exception {
        String marker = "Wombat" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(get(second, "/search?q=" + marker).body()).doesNotContain("Story of " + marker);

        // both nodes' listening connections are cut (a restarted database, a dropped route); the
        // article is published before they are back, so its notification reaches nobody
        var db = first.getBean(JdbcClient.class);
        String channel = "tamizdat_events_"
                + db.sql("SELECT current_schema()").query(String.class).single();
        int cut = db.sql("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE application_name = :channel""").param("channel", channel).query(Integer.class).single();
        assertThat(cut).isEqualTo(2);
        new TestArticles(first).publish(Language.EN, "Story of " + marker, "Body of " + marker + ".", List.of());

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(get(second, "/search?q=" + marker).body()).contains("Story of " + marker));
        assertThat(get(second, "/").body()).contains("Story of " + marker);
    }

    static HttpResponse<String> get(ConfigurableApplicationContext node, String path)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        String query = path.contains("?q=")
                ? path.substring(0, path.indexOf("?q=") + 3)
                        + URLEncoder.encode(path.substring(path.indexOf("?q=") + 3), StandardCharsets.UTF_8)
                : path;
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
