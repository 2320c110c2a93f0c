package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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
 * Someone who unsubscribes after an edition has started, before their message went, gets nothing:
 * the recipients were fixed at the start, and each one's subscription is asked again when it is sent.
 */
@SpringBootTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=3025",
            "tamizdat.newsletter.delivery.poll-interval=200ms"
        })
class UnsubscribeDuringSendTests {

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
    void aReaderWhoUnsubscribesAfterTheEditionStartedGetsNothing() throws Exception {
        long weekly = newsletters.all().getFirst().id();
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 4; i++) {
            db.sql(
                            "INSERT INTO subscriber (email, status, language, created_at) VALUES (:email, 'CONFIRMED', 'en', :now)")
                    .param("email", "midsend" + i + "@example.org")
                    .param("now", now)
                    .update();
        }
        db.sql("""
                        INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at)
                        SELECT id, :newsletter, 'ACTIVE', created_at FROM subscriber WHERE email LIKE 'midsend%'
                        """).param("newsletter", weekly).update();
        long article = new TestArticles(context).publish(Language.EN, "Mid-send", "Body.", List.of());
        long edition = editions.create(weekly, 1);
        editions.add(edition, article, "News");
        editions.schedule(edition, Instant.now().plus(Duration.ofDays(30)));
        transactions.executeWithoutResult(status -> {
            deliveries.start(edition);
            // held for a moment, as by a sender busy with the batch before
            db.sql(
                            "UPDATE edition_batch SET status = 'CLAIMED', claimed_by = 'node-busy', claimed_until = :until WHERE edition_id = :id")
                    .param("until", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2))
                    .param("id", edition)
                    .update();
        });

        // one leaves by the unsubscribe link, another is suppressed by the newsroom, while it waits
        db.sql("""
                        UPDATE subscription SET status = 'UNSUBSCRIBED'
                        WHERE subscriber_id = (SELECT id FROM subscriber WHERE email = 'midsend1@example.org')
                        """).update();
        db.sql("UPDATE subscriber SET status = 'SUPPRESSED' WHERE email = 'midsend2@example.org'")
                .update();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SENT"
                        .equals(db.sql("SELECT status FROM edition WHERE id = :id")
                                .param("id", edition)
                                .query(String.class)
                                .single()));
        var recipients = Arrays.stream(smtp.getReceivedMessages())
                .map(message -> {
                    try {
                        return message.getAllRecipients()[0].toString();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(address -> address.startsWith("midsend"))
                .sorted()
                .toList();
        assertThat(recipients).containsExactly("midsend0@example.org", "midsend3@example.org");
        assertThat(deliveries.progress(edition).withdrawn()).isEqualTo(2);
    }

    /** The weekly newsletter is shared with the other delivery tests of this context. */
    @AfterEach
    void leave() {
        db.sql("DELETE FROM subscriber WHERE email LIKE 'midsend%'").update();
    }
}
