package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * What a kill -9 leaves behind: a batch claimed by a node that is gone, some of its recipients
 * recorded as sent. When the claim's lease runs out, a live node takes the batch over and mails
 * only the recipients not yet recorded.
 */
@SpringBootTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=3025",
            "tamizdat.newsletter.delivery.poll-interval=200ms"
        })
class LeaseTakeoverTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient db;

    @Autowired
    Editions editions;

    @Autowired
    Deliveries deliveries;

    @Autowired
    Newsletters newsletters;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aBatchHeldByADeadNodeIsTakenOverAfterItsLeaseAndOnlyTheUnsentAreMailed() {
        long weekly = newsletters.all().getFirst().id();
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 10; i++) {
            db.sql(
                            "INSERT INTO subscriber (email, status, language, created_at) VALUES (:email, 'CONFIRMED', 'en', :now)")
                    .param("email", "lease" + i + "@example.org")
                    .param("now", now)
                    .update();
        }
        db.sql("""
                        INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at)
                        SELECT id, :newsletter, 'ACTIVE', created_at FROM subscriber WHERE email LIKE 'lease%'
                        """).param("newsletter", weekly).update();
        long article = new TestArticles(context).publish(Language.EN, "Taken over", "Body.", List.of());
        long edition = editions.create(weekly, 1);
        editions.add(edition, article, "News");
        editions.schedule(edition, Instant.now().plus(Duration.ofDays(30)));

        transactions.executeWithoutResult(status -> {
            deliveries.start(edition);
            // the dead node had claimed the batch, and mailed and recorded four recipients
            db.sql(
                            "UPDATE edition_batch SET status = 'CLAIMED', claimed_by = 'node-dead', claimed_until = :until WHERE edition_id = :id")
                    .param("until", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2))
                    .param("id", edition)
                    .update();
            db.sql("""
                            UPDATE delivery SET status = 'SENT', sent_at = :now
                            WHERE edition_id = :id AND email IN ('lease0@example.org', 'lease1@example.org',
                                                                 'lease2@example.org', 'lease3@example.org')
                            """).param("now", now).param("id", edition).update();
        });

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SENT"
                        .equals(db.sql("SELECT status FROM edition WHERE id = :id")
                                .param("id", edition)
                                .query(String.class)
                                .single()));

        var recipients = java.util.Arrays.stream(smtp.getReceivedMessages())
                .map(message -> {
                    try {
                        return message.getAllRecipients()[0].toString();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .sorted()
                .toList();
        assertThat(recipients)
                .containsExactly(
                        "lease4@example.org",
                        "lease5@example.org",
                        "lease6@example.org",
                        "lease7@example.org",
                        "lease8@example.org",
                        "lease9@example.org");
    }
}
