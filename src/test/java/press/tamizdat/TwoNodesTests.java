package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * Two application nodes on one PostgreSQL database, each with its own page cache, search index and
 * data directory, as they run behind a load balancer: what the newsroom does on one, readers of the
 * other see at once. Runs on PostgreSQL whenever one is configured (in both of CI's runs).
 */
class TwoNodesTests {

    static final HttpClient http = HttpClient.newHttpClient();
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoNodes() {
        assumeTrue(TestDatabase.postgresAvailable(), "several nodes need PostgreSQL (TAMIZDAT_TEST_POSTGRES_URL)");
        String database = UUID.randomUUID().toString();
        first = node(database, "a");
        second = node(database, "b");
    }

    static ConfigurableApplicationContext node(String database, String name) {
        return new SpringApplicationBuilder(TamizdatApplication.class)
                .run(
                        "--server.port=0",
                        "--tamizdat.test.database=postgres",
                        "--tamizdat.test.database-name=" + database,
                        "--tamizdat.test.node=" + name);
    }

    @AfterAll
    static void stopNodes() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
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
