package press.tamizdat.newsletter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.SqlTime;

/**
 * What the newsletters hold about one address, for the person it belongs to: to see and take away,
 * or to erase. And how long past deliveries keep the address they went to.
 */
@Component
public class SubscriberData {

    private final JdbcClient db;
    private final Subscribers subscribers;

    SubscriberData(JdbcClient db, Subscribers subscribers) {
        this.db = db;
        this.subscribers = subscribers;
    }

    /** One newsletter the address gets (ACTIVE) or was asked for (PENDING). */
    public record Subscription(String newsletter, String status, Instant since) {}

    /** What the reader agreed to: the Privacy Policy's version, when, where, for which newsletters. */
    public record Consent(int policyVersion, Instant givenAt, String source, String newsletters) {}

    /** Everything held about the address. */
    public record Held(
            String email,
            String status,
            String language,
            Instant createdAt,
            @Nullable Instant confirmedAt,
            List<Subscription> subscriptions,
            List<Consent> consents,
            int editionsSent) {}

    @Transactional(readOnly = true)
    public Optional<Held> heldFor(String email) {
        return db.sql("""
                        SELECT id, email, status, language, created_at, confirmed_at
                        FROM subscriber WHERE email = :email
                        """)
                .param("email", email)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    return new Held(
                            rs.getString("email"),
                            rs.getString("status"),
                            rs.getString("language"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            instant(rs.getObject("confirmed_at", OffsetDateTime.class)),
                            subscriptions(id),
                            consents(id),
                            editionsSent(id));
                })
                .optional();
    }

    /**
     * Erases the address as {@link Subscribers#erase} does for the newsroom; true if it was held.
     * An address mailed again later is a new subscriber, with a new consent.
     */
    @Transactional
    public boolean erase(String email) {
        var id = db.sql("SELECT id FROM subscriber WHERE email = :email")
                .param("email", email)
                .query(Long.class)
                .optional();
        id.ifPresent(subscribers::erase);
        return id.isPresent();
    }

    /**
     * Past deliveries keep the address they went to, and the refusal text that may quote it, only
     * for a while (bounces come within days); after that, the subscriber record is the one place
     * the address is kept.
     */
    @Transactional
    public int forgetDeliveryAddressesBefore(Instant cutoff) {
        return db.sql("""
                        UPDATE delivery SET email = 'erased', error = NULL
                        WHERE status <> 'PENDING' AND email <> 'erased'
                          AND edition_id IN (SELECT id FROM edition WHERE sent_at < :cutoff)
                        """).param("cutoff", SqlTime.utc(cutoff)).update();
    }

    private List<Subscription> subscriptions(long subscriber) {
        return db.sql("""
                        SELECT n.name, s.status, s.created_at FROM subscription s
                        JOIN newsletter n ON n.id = s.newsletter_id
                        WHERE s.subscriber_id = :id ORDER BY n.position
                        """)
                .param("id", subscriber)
                .query((rs, n) -> new Subscription(
                        rs.getString("name"),
                        rs.getString("status"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private List<Consent> consents(long subscriber) {
        return db.sql("""
                        SELECT policy_version, given_at, source, newsletters FROM consent
                        WHERE subscriber_id = :id ORDER BY given_at, id
                        """)
                .param("id", subscriber)
                .query((rs, n) -> new Consent(
                        rs.getInt("policy_version"),
                        rs.getObject("given_at", OffsetDateTime.class).toInstant(),
                        rs.getString("source"),
                        rs.getString("newsletters")))
                .list();
    }

    private int editionsSent(long subscriber) {
        return db.sql("SELECT COUNT(*) FROM delivery WHERE subscriber_id = :id AND status = 'SENT'")
                .param("id", subscriber)
                .query(Integer.class)
                .single();
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
