package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * Claims on a batch, with no senders of this node's own running (the test plays them): each
 * claim is its own, so a sender who stalled past its lease cannot renew or finish a batch another
 * sender took over — not even a sender of the same node.
 */
@SpringBootTest(properties = "tamizdat.newsletter.delivery.connections=0")
class ClaimsTests {

    @Autowired
    Deliveries deliveries;

    @Autowired
    Editions editions;

    @Autowired
    Newsletters newsletters;

    @Autowired
    JdbcClient db;

    @Autowired
    ApplicationContext context;

    long edition;

    @BeforeEach
    void anEditionBeingSentToOneReader() {
        long weekly = newsletters.all().getFirst().id();
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        String email = "claims-" + System.nanoTime() + "@example.org";
        db.sql("INSERT INTO subscriber (email, status, language, created_at) VALUES (:email, 'CONFIRMED', 'en', :now)")
                .param("email", email)
                .param("now", now)
                .update();
        db.sql("""
                        INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at)
                        SELECT id, :newsletter, 'ACTIVE', created_at FROM subscriber WHERE email = :email
                        """).param("newsletter", weekly).param("email", email).update();
        long article = new TestArticles(context).publish(Language.EN, "Claimed", "Body.", List.of());
        edition = editions.create(weekly, 1);
        editions.add(edition, article, "News");
        editions.schedule(edition, Instant.now().plus(Duration.ofDays(30)));
        deliveries.start(edition);
    }

    @Test
    void aSenderOfTheSameNodeTakingOverAnExpiredClaimShutsTheStalledOneOut() {
        var stalled = claimOfThisEdition("node-a");
        db.sql("UPDATE edition_batch SET claimed_until = :past WHERE edition_id = :id")
                .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .param("id", edition)
                .update();

        var live = claimOfThisEdition("node-a");

        assertThat(live.holder()).isNotEqualTo(stalled.holder());
        assertThat(deliveries.renew(stalled)).isFalse();
        assertThat(deliveries.renew(live)).isTrue();
        deliveries.finish(stalled);
        assertThat(batchStatus()).isEqualTo("CLAIMED");
        deliveries.finish(live);
        assertThat(batchStatus()).isIn("CLAIMED", "DONE");
    }

    @Test
    void aClaimThatHasNotRunOutCannotBeTaken() {
        claimOfThisEdition("node-a");

        var other = deliveries.claim("node-b");

        assertThat(other.filter(claim -> claim.editionId() == edition)).isEmpty();
    }

    private Deliveries.Claim claimOfThisEdition(String node) {
        for (int i = 0; i < 20; i++) {
            var claim = deliveries.claim(node);
            if (claim.isPresent() && claim.get().editionId() == edition) {
                return claim.get();
            }
        }
        throw new AssertionError("The edition's batch could not be claimed");
    }

    private String batchStatus() {
        return db.sql("SELECT status FROM edition_batch WHERE edition_id = :id")
                .param("id", edition)
                .query(String.class)
                .single();
    }
}
