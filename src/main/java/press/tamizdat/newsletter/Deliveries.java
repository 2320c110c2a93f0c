package press.tamizdat.newsletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import press.tamizdat.platform.SqlTime;

/**
 * Every recipient's delivery of an edition, in the database, so that a send survives a crash and
 * is shared by several nodes. When sending starts, the recipients are fixed and cut into batches;
 * a sender claims a batch for a lease, records each message as sent the moment the SMTP server
 * accepts it, and finishes the batch. A batch whose lease ran out (its node died) is claimed again
 * and only its unsent recipients are mailed, so after a kill -9 the worst case is one message sent
 * twice per connection that was in flight: accepted by the server, not yet recorded.
 *
 * <p>Longer than our other classes on purpose: the lease protocol (fix, claim, record, renew,
 * finish, claim again) is safe only as a whole, and is best checked read in one file.
 */
@Service
class Deliveries {

    static final int BATCH_SIZE = 500;
    static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration lease;
    private final AtomicLong claims = new AtomicLong();
    private final org.springframework.context.ApplicationEventPublisher events;

    Deliveries(
            JdbcClient db,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Clock clock,
            NewsletterSettings settings,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.lease = settings.delivery().lease();
    }

    /** How long a claim holds without renewal. */
    Duration lease() {
        return lease;
    }

    /**
     * A batch held by one sender: {@code holder} names this claim alone (the node and a count), so
     * that a sender who stalled past its lease cannot renew or finish a batch that another sender —
     * even one on the same node — has taken over since.
     */
    record Claim(long editionId, int batchNo, String holder) {}

    record Recipient(long subscriberId, String email) {}

    /**
     * Brings PostgreSQL's statistics of the tables a send reads up to date, once its recipients are
     * fixed (and committed). After an import of thousands of addresses the statistics describe the
     * list as it was, and the planner then scanned every subscription to check twenty recipients
     * (130 ms for each twenty instead of 0.1 ms, measured at 100,000 subscribers); autovacuum
     * catches up only minutes later. The embedded H2 plans these look-ups by their keys anyway.
     */
    void freshenStatistics() {
        try {
            Boolean postgres = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) connection ->
                    connection.getMetaData().getDatabaseProductName().equals("PostgreSQL"));
            if (Boolean.TRUE.equals(postgres)) {
                db.sql("ANALYZE subscriber, subscription, delivery").update();
            }
        } catch (RuntimeException e) {
            // only the send's speed depends on it: the send goes on with the statistics as they are
            log.warn("The statistics of the edition's tables could not be brought up to date: {}", e.getMessage());
        }
    }

    /** Counts per delivery status, for the newsroom. */
    record Progress(int pending, int sent, int failed, int bounced, int withdrawn) {}

    /** Fixes an edition's recipients — its newsletter's confirmed, active subscribers — and opens its batches. */
    @Transactional
    void start(long editionId) {
        Instant now = clock.instant();
        int started = db.sql("UPDATE edition SET status = :to, started_at = :now WHERE id = :id AND status = :from")
                .param("from", EditionStatus.SCHEDULED.name())
                .param("to", EditionStatus.SCHEDULED.to(EditionStatus.SENDING).name())
                .param("now", SqlTime.utc(now))
                .param("id", editionId)
                .update();
        if (started == 0) {
            return; // cancelled, or already started by another node
        }
        int recipients =
                db.sql("""
                        INSERT INTO delivery (edition_id, subscriber_id, email, batch_no, status, attempts)
                        SELECT :id, r.id, r.email, CAST((ROW_NUMBER() OVER (ORDER BY r.id) - 1) / :size AS INT), 'PENDING', 0
                        FROM subscriber r JOIN subscription s ON s.subscriber_id = r.id
                        WHERE s.newsletter_id = (SELECT newsletter_id FROM edition WHERE id = :id)
                          AND s.status = 'ACTIVE' AND r.status = 'CONFIRMED'
                        """).param("id", editionId).param("size", BATCH_SIZE).update();
        db.sql("""
                        INSERT INTO edition_batch (edition_id, batch_no, status)
                        SELECT DISTINCT edition_id, batch_no, 'OPEN' FROM delivery WHERE edition_id = :id
                        """).param("id", editionId).update();
        db.sql("UPDATE edition SET recipients = :recipients WHERE id = :id")
                .param("recipients", recipients)
                .param("id", editionId)
                .update();
        log.info("Edition {} sending to {} recipients", editionId, recipients);
        completeIfDone(editionId);
    }

    /** Claims an open batch, or one whose lease ran out or whose retries are due, for a sender of {@code node}. */
    Optional<Claim> claim(String node) {
        Instant now = clock.instant();
        String holder = node + "/" + claims.incrementAndGet();
        var candidates = db.sql("""
                        SELECT b.edition_id, b.batch_no FROM edition_batch b JOIN edition e ON e.id = b.edition_id
                        WHERE e.status = 'SENDING'
                          AND (b.status = 'OPEN' OR (b.status = 'CLAIMED' AND b.claimed_until < :now))
                        ORDER BY b.edition_id, b.batch_no
                        LIMIT 16
                        """)
                .param("now", SqlTime.utc(now))
                .query((rs, n) -> new long[] {rs.getLong("edition_id"), rs.getInt("batch_no")})
                .list();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        // senders start at different places, so that they rarely race for the same batch
        int offset = ThreadLocalRandom.current().nextInt(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            long[] candidate = candidates.get((offset + i) % candidates.size());
            int won = db.sql("""
                            UPDATE edition_batch SET status = 'CLAIMED', claimed_by = :holder, claimed_until = :until
                            WHERE edition_id = :edition AND batch_no = :batch
                              AND (status = 'OPEN' OR (status = 'CLAIMED' AND claimed_until < :now))
                            """)
                    .param("holder", holder)
                    .param("until", SqlTime.utc(now.plus(lease)))
                    .param("edition", candidate[0])
                    .param("batch", candidate[1])
                    .param("now", SqlTime.utc(now))
                    .update();
            if (won == 1) {
                return Optional.of(new Claim(candidate[0], (int) candidate[1], holder));
            }
        }
        return Optional.empty();
    }

    /** The batch's recipients still to be mailed now. */
    List<Recipient> due(Claim claim) {
        return db.sql("""
                        SELECT subscriber_id, email FROM delivery
                        WHERE edition_id = :edition AND batch_no = :batch AND status = 'PENDING'
                          AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                        ORDER BY subscriber_id
                        """)
                .param("edition", claim.editionId())
                .param("batch", claim.batchNo())
                .param("now", SqlTime.utc(clock.instant()))
                .query((rs, n) -> new Recipient(rs.getLong(1), rs.getString(2)))
                .list();
    }

    /**
     * Keeps the claim while the batch is being sent; false when it was lost (this node stalled past
     * its lease and another took the batch over), and the sender must stop.
     */
    boolean renew(Claim claim) {
        return db.sql("""
                        UPDATE edition_batch SET claimed_until = :until
                        WHERE edition_id = :edition AND batch_no = :batch AND claimed_by = :holder AND status = 'CLAIMED'
                        """)
                        .param("until", SqlTime.utc(clock.instant().plus(lease)))
                        .param("edition", claim.editionId())
                        .param("batch", claim.batchNo())
                        .param("holder", claim.holder())
                        .update()
                == 1;
    }

    /** A message the SMTP server accepted, to be recorded. */
    record Sent(long editionId, long subscriberId) {}

    /** Records accepted messages as sent, all in one transaction (see {@link SentRecords}). */
    void sent(List<Sent> group) {
        var now = SqlTime.utc(clock.instant());
        transactions.executeWithoutResult(status -> jdbc.batchUpdate("""
                UPDATE delivery SET status = 'SENT', sent_at = ?, attempts = attempts + 1
                WHERE edition_id = ? AND subscriber_id = ? AND status = 'PENDING'
                """, group, group.size(), (statement, sent) -> {
            statement.setObject(1, now);
            statement.setLong(2, sent.editionId());
            statement.setLong(3, sent.subscriberId());
        }));
    }

    /** A passing failure: tried again later, with a growing pause, and given up after five tries. */
    void deferred(Claim claim, Recipient recipient, String error) {
        int attempts =
                db.sql("SELECT attempts FROM delivery WHERE edition_id = :edition AND subscriber_id = :subscriber")
                                .param("edition", claim.editionId())
                                .param("subscriber", recipient.subscriberId())
                                .query(Integer.class)
                                .single()
                        + 1;
        boolean giveUp = attempts >= MAX_ATTEMPTS;
        db.sql("""
                        UPDATE delivery SET attempts = :attempts, status = :status, next_attempt_at = :next, error = :error
                        WHERE edition_id = :edition AND subscriber_id = :subscriber AND status = 'PENDING'
                        """)
                .param("attempts", attempts)
                .param("status", giveUp ? "FAILED" : "PENDING")
                .param("next", SqlTime.utc(clock.instant().plus(backoff(attempts))))
                .param("error", truncate(error))
                .param("edition", claim.editionId())
                .param("subscriber", recipient.subscriberId())
                .update();
    }

    /**
     * Which of {@code subscriberIds} still want the edition's newsletter (subscribed and
     * confirmed), asked right before their messages go: someone who unsubscribed after the edition
     * started gets nothing more.
     */
    Set<Long> stillSubscribed(long editionId, List<Long> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(db.sql("""
                        SELECT r.id FROM subscriber r JOIN subscription s ON s.subscriber_id = r.id
                        WHERE s.newsletter_id = (SELECT newsletter_id FROM edition WHERE id = :edition)
                          AND s.status = 'ACTIVE' AND r.status = 'CONFIRMED' AND r.id IN (:ids)
                        """)
                .param("edition", editionId)
                .param("ids", subscriberIds)
                .query(Long.class)
                .list());
    }

    /** The recipient left the newsletter while the edition was being sent: their delivery ends unsent. */
    void withdrawn(Claim claim, Recipient recipient) {
        db.sql("""
                        UPDATE delivery SET status = 'WITHDRAWN'
                        WHERE edition_id = :edition AND subscriber_id = :subscriber AND status = 'PENDING'
                        """)
                .param("edition", claim.editionId())
                .param("subscriber", recipient.subscriberId())
                .update();
    }

    /** A permanent refusal: this delivery is over and the address gets no more mail. */
    @Transactional
    void bounced(Claim claim, Recipient recipient, String error) {
        db.sql("""
                        UPDATE delivery SET status = 'BOUNCED', attempts = attempts + 1, error = :error
                        WHERE edition_id = :edition AND subscriber_id = :subscriber
                        """)
                .param("error", truncate(error))
                .param("edition", claim.editionId())
                .param("subscriber", recipient.subscriberId())
                .update();
        db.sql("UPDATE subscriber SET status = 'BOUNCED' WHERE id = :id AND status = 'CONFIRMED'")
                .param("id", recipient.subscriberId())
                .update();
    }

    /**
     * Ends a claim: the batch is done, or, with recipients waiting for a retry, it becomes claimable
     * again when the first retry is due.
     */
    @Transactional
    void finish(Claim claim) {
        var next = db.sql("""
                        SELECT MIN(next_attempt_at) FROM delivery
                        WHERE edition_id = :edition AND batch_no = :batch AND status = 'PENDING'
                        """)
                .param("edition", claim.editionId())
                .param("batch", claim.batchNo())
                .query(OffsetDateTime.class)
                .optional();
        boolean waiting = db.sql(
                                "SELECT COUNT(*) FROM delivery WHERE edition_id = :edition AND batch_no = :batch AND status = 'PENDING'")
                        .param("edition", claim.editionId())
                        .param("batch", claim.batchNo())
                        .query(Integer.class)
                        .single()
                > 0;
        Instant retryAt = next.map(OffsetDateTime::toInstant).orElse(clock.instant());
        db.sql("""
                        UPDATE edition_batch SET status = :status, claimed_by = NULL, claimed_until = :until
                        WHERE edition_id = :edition AND batch_no = :batch AND claimed_by = :holder
                        """)
                .param("status", waiting ? "CLAIMED" : "DONE")
                .param("until", waiting ? SqlTime.utc(retryAt) : null)
                .param("edition", claim.editionId())
                .param("batch", claim.batchNo())
                .param("holder", claim.holder())
                .update();
        completeIfDone(claim.editionId());
    }

    /** Lets go of a claim at once (shutting down), so another sender may take the batch. */
    void release(Claim claim) {
        db.sql("""
                        UPDATE edition_batch SET claimed_until = :now
                        WHERE edition_id = :edition AND batch_no = :batch AND claimed_by = :holder AND status = 'CLAIMED'
                        """)
                .param("now", SqlTime.utc(clock.instant().minusMillis(1)))
                .param("edition", claim.editionId())
                .param("batch", claim.batchNo())
                .param("holder", claim.holder())
                .update();
    }

    @Transactional(readOnly = true)
    Progress progress(long editionId) {
        var counts = new java.util.HashMap<String, Integer>();
        db.sql("SELECT status, COUNT(*) AS n FROM delivery WHERE edition_id = :id GROUP BY status")
                .param("id", editionId)
                .query((rs, n) -> counts.put(rs.getString("status"), rs.getInt("n")))
                .list();
        return new Progress(
                counts.getOrDefault("PENDING", 0),
                counts.getOrDefault("SENT", 0),
                counts.getOrDefault("FAILED", 0),
                counts.getOrDefault("BOUNCED", 0),
                counts.getOrDefault("WITHDRAWN", 0));
    }

    private void completeIfDone(long editionId) {
        int completed = db.sql("""
                        UPDATE edition SET status = :to, sent_at = :now
                        WHERE id = :id AND status = :from
                          AND NOT EXISTS (SELECT 1 FROM edition_batch WHERE edition_id = :id AND status <> 'DONE')
                        """)
                .param("from", EditionStatus.SENDING.name())
                .param("to", EditionStatus.SENDING.to(EditionStatus.SENT).name())
                .param("now", SqlTime.utc(clock.instant()))
                .param("id", editionId)
                .update();
        if (completed > 0) {
            log.info("Edition {} sent: {}", editionId, progress(editionId));
            db.sql("""
                            SELECT n.name, e.subject FROM edition e JOIN newsletter n ON n.id = e.newsletter_id
                            WHERE e.id = :id
                            """)
                    .param("id", editionId)
                    .query((rs, n) -> new EditionSent(
                            editionId,
                            rs.getString("name"),
                            rs.getString("subject"),
                            press.tamizdat.web.PublicPaths.edition(editionId)))
                    .optional()
                    .ifPresent(events::publishEvent);
        }
    }

    static Duration backoff(int attempts) {
        return switch (attempts) {
            case 1 -> Duration.ofMinutes(1);
            case 2 -> Duration.ofMinutes(5);
            case 3 -> Duration.ofMinutes(30);
            default -> Duration.ofHours(2);
        };
    }

    private static @Nullable String truncate(@Nullable String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
