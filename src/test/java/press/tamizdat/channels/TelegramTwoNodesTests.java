package press.tamizdat.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.TamizdatApplication;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * Two application nodes on one database, both feeding the channel: articles published on one and
 * changed on the other are posted once each and edited once each, never twice.
 */
class TelegramTwoNodesTests {

    static final String BOT = "/bot" + TelegramChannelTests.TOKEN;
    static final int ARTICLES = 6;

    ConfigurableApplicationContext node(String database, String api) {
        // as arguments, which come before the application's own settings (default properties come after)
        return new SpringApplicationBuilder(TamizdatApplication.class)
                .run(
                        "--server.port=0",
                        "--tamizdat.test.database-name=" + database,
                        "--tamizdat.channels.every=100ms",
                        "--tamizdat.jobs.polling-interval=200ms",
                        "--tamizdat.channels.telegram.bot-token=" + TelegramChannelTests.TOKEN,
                        "--tamizdat.channels.telegram.chat-id=@tamizdat_test",
                        "--tamizdat.channels.telegram.api-base=" + api);
    }

    @Test
    void articlesPublishedOnOneNodeAndChangedOnTheOtherArePostedAndEditedOnceEach() {
        var telegram = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .globalTemplating(true));
        telegram.start();
        for (String method : List.of("sendMessage", "editMessageText")) {
            telegram.stubFor(post(urlPathEqualTo(BOT + "/" + method)).willReturn(TelegramChannelTests.sent()));
        }
        String database = UUID.randomUUID().toString();
        try (var first = node(database, telegram.baseUrl());
                var second = node(database, telegram.baseUrl())) {
            var onFirst = new TestArticles(first);
            var onSecond = new TestArticles(second);
            String marker = UUID.randomUUID().toString().substring(0, 8);
            var ids = new ArrayList<Long>();
            for (int i = 0; i < ARTICLES; i++) {
                ids.add(onFirst.publish(Language.EN, "Node story " + i + " " + marker, "Body.", List.of()));
            }
            var db = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> settled(db, marker) == ARTICLES);
            ids.forEach(id -> onSecond.rename(id, "moved-" + id + "-" + marker));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> calls(telegram, "editMessageText", marker).size() >= ARTICLES
                            && settled(db, marker) == ARTICLES);

            assertThat(calls(telegram, "sendMessage", marker)).hasSize(ARTICLES);
            assertThat(calls(telegram, "editMessageText", marker)).hasSize(ARTICLES);
        } finally {
            telegram.stop();
        }
    }

    static int settled(JdbcClient db, String marker) {
        return db.sql("""
                        SELECT COUNT(*) FROM telegram_post p JOIN article a ON p.item = CONCAT('article-', a.id)
                        WHERE a.headline LIKE :pattern AND p.message_id IS NOT NULL AND p.due = FALSE
                        """).param("pattern", "%" + marker).query(Integer.class).single();
    }

    static List<?> calls(WireMockServer telegram, String method, String marker) {
        return telegram.findAll(postRequestedFor(urlPathEqualTo(BOT + "/" + method))).stream()
                .filter(request -> request.getBodyAsString().contains(marker))
                .toList();
    }
}
