package press.tamizdat.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import press.tamizdat.newsletter.Newsletters;

/**
 * The retention job deletes audit entries past their period, replaces the address of deliveries
 * of old editions, forgets used "my data" links once expired, the referring sites of old counts and
 * the sites that sent a finished day only a few readings; what is younger stays.
 */
@SpringBootTest(properties = {"spring.application.name=tamizdat-privacy", "tamizdat.demo=true"})
class RetentionTests {

    @Autowired
    Retention retention;

    @Autowired
    JdbcClient db;

    @Autowired
    Newsletters newsletters;

    static OffsetDateTime daysAgo(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
    }

    void auditEntry(String action, OffsetDateTime at) {
        db.sql("INSERT INTO audit_entry (at, action) VALUES (:at, :action)")
                .param("at", at)
                .param("action", action)
                .update();
    }

    long auditEntries(String action) {
        return db.sql("SELECT COUNT(*) FROM audit_entry WHERE action = :action")
                .param("action", action)
                .query(Long.class)
                .single();
    }

    String deliveredTo(String email, OffsetDateTime sentAt) {
        var keys = new GeneratedKeyHolder();
        db.sql("""
                        INSERT INTO edition (newsletter_id, subject, intro, full_text, status, sent_at, created_by,
                                             created_at, version)
                        VALUES (:newsletter, 'An edition', '', FALSE, 'SENT', :sent, 1, :sent, 0)
                        """)
                .param("newsletter", newsletters.all().getFirst().id())
                .param("sent", sentAt)
                .update(keys, "id");
        long edition = keys.getKeyAs(Number.class).longValue();
        db.sql("""
                        INSERT INTO delivery (edition_id, subscriber_id, email, batch_no, status, attempts, sent_at, error)
                        VALUES (:edition, 0, :email, 0, 'SENT', 2, :sent, '452 4.2.2 <' || :email || '>: Mailbox full')
                        """)
                .param("edition", edition)
                .param("email", email)
                .param("sent", sentAt)
                .update();
        return db.sql("SELECT email FROM delivery WHERE edition_id = :edition")
                .param("edition", edition)
                .query(String.class)
                .single();
    }

    @Test
    void auditEntriesOlderThanTheirPeriodAreDeleted() {
        String action = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        auditEntry(action + "-old", daysAgo(366));
        auditEntry(action + "-recent", daysAgo(364));

        retention.apply();

        assertThat(auditEntries(action + "-old")).isZero();
        assertThat(auditEntries(action + "-recent")).isOne();
    }

    @Test
    void oldDeliveriesKeepNoAddressAndRecentOnesKeepTheirs() {
        String old = "old-" + UUID.randomUUID() + "@example.org";
        String recent = "recent-" + UUID.randomUUID() + "@example.org";
        deliveredTo(old, daysAgo(31));
        deliveredTo(recent, daysAgo(29));

        retention.apply();

        assertThat(count("SELECT COUNT(*) FROM delivery WHERE email = '" + old + "'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM delivery WHERE email = '" + recent + "'"))
                .isOne();
    }

    @Test
    void referringSitesOfOldCountsAreDeletedAndTheCountsStay() {
        for (var day : new OffsetDateTime[] {daysAgo(91), daysAgo(89)}) {
            db.sql("INSERT INTO article_views (read_on, article_id, views) VALUES (:day, 987654, 30)")
                    .param("day", day.toLocalDate())
                    .update();
            db.sql("""
                            INSERT INTO referrer_views (read_on, article_id, host, views)
                            VALUES (:day, 987654, 'old-forum.example', 30)
                            """).param("day", day.toLocalDate()).update();
        }

        retention.apply();

        assertThat(count("SELECT COUNT(*) FROM referrer_views WHERE article_id = 987654"))
                .isOne();
        assertThat(count("SELECT COUNT(*) FROM article_views WHERE article_id = 987654"))
                .isEqualTo(2);
    }

    void referred(LocalDate day, long article, String host, long views) {
        db.sql("INSERT INTO referrer_views (read_on, article_id, host, views) VALUES (:day, :article, :host, :views)")
                .param("day", day)
                .param("article", article)
                .param("host", host)
                .param("views", views)
                .update();
    }

    long readingsFrom(String host) {
        return db.sql("SELECT COALESCE(SUM(views), 0) FROM referrer_views WHERE host = :host")
                .param("host", host)
                .query(Long.class)
                .single();
    }

    @Test
    void aSiteThatSentADayFewerReadingsThanTheMinimumIsForgottenOnceTheDayIsOver() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String rare = "rare-" + UUID.randomUUID() + ".example";
        String popular = "popular-" + UUID.randomUUID() + ".example";
        String rareToday = "today-" + UUID.randomUUID() + ".example";
        // the minimum is five readings a day, whatever articles they went to
        LocalDate past = today.minusDays(2);
        db.sql("INSERT INTO article_views (read_on, article_id, views) VALUES (:day, 987655, 40)")
                .param("day", past)
                .update();
        referred(past, 987655, rare, 2);
        referred(past, 987656, rare, 2);
        referred(past, 987655, popular, 3);
        referred(past, 987656, popular, 2);
        referred(past.minusDays(1), 987655, rare, 6);
        referred(today, 987655, rareToday, 1);

        retention.apply();

        assertThat(readingsFrom(rare)).as("kept only for the day it sent six").isEqualTo(6);
        assertThat(readingsFrom(popular)).isEqualTo(5);
        assertThat(readingsFrom(rareToday)).as("today is not over").isOne();
        assertThat(count("SELECT views FROM article_views WHERE article_id = 987655"))
                .as("the readings stay counted")
                .isEqualTo(40);
    }

    long count(String sql) {
        return db.sql(sql).query(Long.class).single();
    }
}
