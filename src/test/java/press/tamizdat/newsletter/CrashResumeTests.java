package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.TamizdatApplication;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * A send stopped in the middle and started again by a new process resumes where it stood, and two
 * nodes on one database share a send: either way every confirmed subscriber gets the edition
 * exactly once.
 */
class CrashResumeTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    static final int SUBSCRIBERS = 300;

    ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(TamizdatApplication.class)
                .properties(
                        "server.port=0",
                        "tamizdat.test.database-name=" + database,
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=3025",
                        "tamizdat.newsletter.delivery.poll-interval=200ms",
                        "tamizdat.newsletter.delivery.connections=2",
                        // slow enough to stop in the middle: 300 messages take about 10 seconds
                        "tamizdat.newsletter.delivery.hourly-limit=108000")
                .run();
    }

    /** Subscribers and a scheduled edition for them; returns the edition's id. */
    static long scheduleAnEditionFor(ConfigurableApplicationContext first) {
        var db = first.getBean(JdbcClient.class);
        long weekly = first.getBean(Newsletters.class).all().getFirst().id();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            db.sql(
                            "INSERT INTO subscriber (email, status, language, created_at) VALUES (:email, 'CONFIRMED', 'en', :now)")
                    .param("email", "reader" + i + "@example.org")
                    .param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                    .update();
        }
        db.sql("""
                        INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at)
                        SELECT id, :newsletter, 'ACTIVE', created_at FROM subscriber
                        """).param("newsletter", weekly).update();
        long article = new TestArticles(first).publish(Language.EN, "Resumed", "Body.", List.of());
        var editions = first.getBean(Editions.class);
        long edition = editions.create(weekly, 1);
        editions.add(edition, article, "News");
        editions.schedule(edition, Instant.now());
        return edition;
    }

    static boolean sent(ConfigurableApplicationContext app, long edition) {
        return "SENT"
                .equals(app.getBean(JdbcClient.class)
                        .sql("SELECT status FROM edition WHERE id = :id")
                        .param("id", edition)
                        .query(String.class)
                        .single());
    }

    static Map<String, Integer> messagesPerRecipient() throws Exception {
        Map<String, Integer> perRecipient = new HashMap<>();
        for (var message : smtp.getReceivedMessages()) {
            for (var recipient : message.getAllRecipients()) {
                perRecipient.merge(recipient.toString(), 1, Integer::sum);
            }
        }
        return perRecipient;
    }

    @Test
    void aSendStoppedMidwayResumesWithExactlyOneMessagePerSubscriber() throws Exception {
        String database = UUID.randomUUID().toString();
        var first = start(database);
        long edition = scheduleAnEditionFor(first);

        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length >= SUBSCRIBERS / 4);
        first.close();
        int beforeRestart = smtp.getReceivedMessages().length;
        assertThat(beforeRestart).as("stopped in the middle").isLessThan(SUBSCRIBERS);

        try (var second = start(database)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sent(second, edition));
        }

        var perRecipient = messagesPerRecipient();
        assertThat(perRecipient).hasSize(SUBSCRIBERS);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
    }

    @Test
    void twoNodesShareOneSendWithoutDuplicates() throws Exception {
        String database = UUID.randomUUID().toString();
        try (var one = start(database);
                var two = start(database)) {
            long edition = scheduleAnEditionFor(one);

            await().atMost(Duration.ofSeconds(60)).until(() -> sent(two, edition));
        }

        var perRecipient = messagesPerRecipient();
        assertThat(perRecipient).hasSize(SUBSCRIBERS);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
    }
}
