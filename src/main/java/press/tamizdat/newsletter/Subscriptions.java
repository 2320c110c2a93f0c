package press.tamizdat.newsletter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Ids;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * What a subscriber changes from the links in our mail: unsubscribing from one newsletter (one
 * POST, RFC 8058 one-click, idempotent) and choosing newsletters on the preferences page. The
 * links carry signed tokens and keep working for years, as an unsubscribe link must.
 */
@Service
class Subscriptions {

    static final String UNSUBSCRIBE = "newsletter-unsubscribe";
    static final String PREFERENCES = "newsletter-preferences";
    private static final Duration LINK_VALIDITY = Duration.ofDays(3650);

    private final JdbcClient db;
    private final SignedTokens tokens;
    private final Clock clock;
    private final SiteUrls urls;
    private final ApplicationEventPublisher events;

    Subscriptions(JdbcClient db, SignedTokens tokens, Clock clock, SiteUrls urls, ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
        this.urls = urls;
    }

    /** One subscriber's tie to one newsletter, as an unsubscribe link names it. */
    record Tie(long subscriberId, long newsletterId, String email, String newsletterName, boolean active) {}

    /** A newsletter on the preferences page, ticked when the subscriber gets it. */
    record Choice(long newsletterId, String name, String description, boolean active) {}

    record Preferences(long subscriberId, String email, List<Choice> choices) {}

    String unsubscribeUrl(long subscriberId, long newsletterId) {
        return urls.absolute(PublicPaths.NEWSLETTER_UNSUBSCRIBE + "?token="
                + tokens.sign(
                        UNSUBSCRIBE,
                        subscriberId + "-" + newsletterId,
                        clock.instant().plus(LINK_VALIDITY)));
    }

    String preferencesUrl(long subscriberId) {
        return urls.absolute(PublicPaths.NEWSLETTER_PREFERENCES + "?token=" + preferencesToken(subscriberId));
    }

    String preferencesToken(long subscriberId) {
        return tokens.sign(
                PREFERENCES, Long.toString(subscriberId), clock.instant().plus(LINK_VALIDITY));
    }

    @Transactional(readOnly = true)
    Optional<Tie> tie(String token) {
        return tokens.verify(UNSUBSCRIBE, token, clock.instant()).flatMap(subject -> {
            String[] ids = subject.split("-");
            if (ids.length != 2) {
                return Optional.empty();
            }
            try {
                return db.sql("""
                                SELECT r.id AS subscriber_id, n.id AS newsletter_id, r.email, n.name AS newsletter_name,
                                       CASE WHEN s.status = 'ACTIVE' THEN TRUE ELSE FALSE END AS active
                                FROM subscriber r JOIN newsletter n ON n.id = :newsletter
                                LEFT JOIN subscription s ON s.subscriber_id = r.id AND s.newsletter_id = n.id
                                WHERE r.id = :subscriber
                                """)
                        .param("subscriber", Long.parseLong(ids[0]))
                        .param("newsletter", Long.parseLong(ids[1]))
                        .query(Tie.class)
                        .optional();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Ends one subscription; a second request (a mail client's and the reader's) finds it ended. */
    @Transactional
    Optional<Tie> unsubscribe(String token) {
        var tie = tie(token);
        tie.ifPresent(t -> db.sql("""
                        UPDATE subscription SET status = :unsubscribed, created_at = :now
                        WHERE subscriber_id = :subscriber AND newsletter_id = :newsletter AND status <> :unsubscribed
                        """)
                .param("unsubscribed", SubscriptionStatus.UNSUBSCRIBED.name())
                .param("now", SqlTime.utc(clock.instant()))
                .param("subscriber", t.subscriberId())
                .param("newsletter", t.newsletterId())
                .update());
        return tie;
    }

    @Transactional(readOnly = true)
    Optional<Preferences> preferences(String token) {
        return tokens.verify(PREFERENCES, token, clock.instant())
                .flatMap(Ids::parse)
                .flatMap(id -> db.sql("SELECT email FROM subscriber WHERE id = :id AND status = 'CONFIRMED'")
                        .param("id", id)
                        .query(String.class)
                        .optional()
                        .map(email -> new Preferences(
                                id,
                                email,
                                db.sql("""
                                                SELECT n.id AS newsletter_id, n.name, n.description,
                                                       CASE WHEN s.status = 'ACTIVE' THEN TRUE ELSE FALSE END AS active
                                                FROM newsletter n
                                                LEFT JOIN subscription s ON s.newsletter_id = n.id AND s.subscriber_id = :id
                                                ORDER BY n.position, n.id
                                                """).param("id", id).query(Choice.class).list())));
    }

    /**
     * Sets exactly the newsletters chosen. The link proved the address, so a newsletter added here
     * needs no second confirmation.
     */
    @Transactional
    Optional<Preferences> choose(String token, Set<Long> chosen) {
        var preferences = preferences(token);
        preferences.ifPresent(p -> {
            var now = clock.instant();
            var begun = new java.util.ArrayList<Long>();
            for (Choice choice : p.choices()) {
                boolean wanted = chosen.contains(choice.newsletterId());
                if (wanted && !choice.active()) {
                    begun.add(choice.newsletterId());
                }
                int changed = db.sql("""
                                UPDATE subscription SET status = :status, created_at = :now
                                WHERE subscriber_id = :subscriber AND newsletter_id = :newsletter
                                """)
                        .param("status", (wanted ? SubscriptionStatus.ACTIVE : SubscriptionStatus.UNSUBSCRIBED).name())
                        .param("now", SqlTime.utc(now))
                        .param("subscriber", p.subscriberId())
                        .param("newsletter", choice.newsletterId())
                        .update();
                if (changed == 0 && wanted) {
                    db.sql("""
                                    INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at)
                                    VALUES (:subscriber, :newsletter, :active, :now)
                                    """)
                            .param("active", SubscriptionStatus.ACTIVE.name())
                            .param("subscriber", p.subscriberId())
                            .param("newsletter", choice.newsletterId())
                            .param("now", SqlTime.utc(now))
                            .update();
                }
            }
            begun.forEach(newsletter -> events.publishEvent(new SubscriptionBegun(p.subscriberId(), newsletter)));
        });
        return preferences.flatMap(p -> preferences(token));
    }
}
