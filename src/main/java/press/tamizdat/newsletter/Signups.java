package press.tamizdat.newsletter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import press.tamizdat.platform.Ids;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.publishing.StandingPages;

/**
 * Double opt-in. A signup records the reader's consent and pending subscriptions and, at most once
 * per {@code confirmation-interval}, asks for a confirmation mail; confirming activates them.
 * Whatever the address's history, the reader sees the same answer, so a signup reveals nothing.
 */
@Service
class Signups {

    static final String CONFIRM = "newsletter-confirm";

    private final JdbcClient db;
    private final Clock clock;
    private final NewsletterSettings settings;
    private final StandingPages pages;
    private final Consents consents;
    private final SignedTokens tokens;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    Signups(
            JdbcClient db,
            Clock clock,
            NewsletterSettings settings,
            StandingPages pages,
            Consents consents,
            SignedTokens tokens,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.pages = pages;
        this.consents = consents;
        this.tokens = tokens;
        this.events = events;
        this.transactions = transactions;
    }

    /** A validated signup: a normalized address, the newsletters chosen, where it was made. */
    record Signup(String email, Set<Newsletter> newsletters, Language language, String source) {}

    /** What a subscriber is, as the confirmation page shows it. */
    record Pending(long subscriberId, List<String> newsletterNames, Language language) {}

    void signUp(Signup signup) {
        try {
            transactions.executeWithoutResult(status -> record(signup));
        } catch (DuplicateKeyException raced) {
            // the same address signed up at the same moment; now it exists, so this is an update
            transactions.executeWithoutResult(status -> record(signup));
        }
    }

    private void record(Signup signup) {
        Instant now = clock.instant();
        long id = subscriberId(signup.email()).orElseGet(() -> insertSubscriber(signup, now));
        String status = db.sql("SELECT status FROM subscriber WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(String.class)
                .single();
        if (!status.equals("PENDING") && !status.equals("CONFIRMED")) {
            return; // bounced or suppressed: nothing is sent to it, and the reader is told nothing
        }
        for (Newsletter newsletter : signup.newsletters()) {
            int updated = db.sql("""
                            UPDATE subscription SET status = :to, created_at = :now
                            WHERE subscriber_id = :id AND newsletter_id = :newsletter AND status = :from
                            """)
                    .param("from", SubscriptionStatus.UNSUBSCRIBED.name())
                    .param(
                            "to",
                            SubscriptionStatus.UNSUBSCRIBED
                                    .to(SubscriptionStatus.PENDING)
                                    .name())
                    .param("now", SqlTime.utc(now))
                    .param("id", id)
                    .param("newsletter", newsletter.id())
                    .update();
            boolean exists = updated > 0
                    || db.sql(
                                            "SELECT COUNT(*) FROM subscription WHERE subscriber_id = :id AND newsletter_id = :newsletter")
                                    .param("id", id)
                                    .param("newsletter", newsletter.id())
                                    .query(Integer.class)
                                    .single()
                            > 0;
            if (!exists) {
                db.sql("""
                                INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at)
                                VALUES (:id, :newsletter, :pending, :now)
                                """)
                        .param("pending", SubscriptionStatus.PENDING.name())
                        .param("id", id)
                        .param("newsletter", newsletter.id())
                        .param("now", SqlTime.utc(now))
                        .update();
            }
        }
        consents.record(id, pages.privacyPolicyVersion(signup.language()), now, signup.source(), signup.newsletters());
        boolean awaitsConfirmation =
                db.sql("SELECT COUNT(*) FROM subscription WHERE subscriber_id = :id AND status = 'PENDING'")
                                .param("id", id)
                                .query(Integer.class)
                                .single()
                        > 0;
        int mailable = db.sql("""
                        UPDATE subscriber SET last_mailed_at = :now
                        WHERE id = :id AND (last_mailed_at IS NULL OR last_mailed_at < :since)
                        """)
                .param("now", SqlTime.utc(now))
                .param("id", id)
                .param("since", SqlTime.utc(now.minus(settings.confirmationInterval())))
                .update();
        if (awaitsConfirmation && mailable > 0) {
            events.publishEvent(new ConfirmationRequested(id));
        }
    }

    private Optional<Long> subscriberId(String email) {
        return db.sql("SELECT id FROM subscriber WHERE email = :email")
                .param("email", email)
                .query(Long.class)
                .optional();
    }

    private long insertSubscriber(Signup signup, Instant now) {
        db.sql("""
                        INSERT INTO subscriber (email, status, language, created_at)
                        VALUES (:email, 'PENDING', :language, :now)
                        """)
                .param("email", signup.email())
                .param("language", signup.language().code())
                .param("now", SqlTime.utc(now))
                .update();
        return subscriberId(signup.email()).orElseThrow();
    }

    /** The link's token for a subscriber, valid as long as an unconfirmed address is kept. */
    String confirmationToken(long subscriberId) {
        return tokens.sign(CONFIRM, Long.toString(subscriberId), clock.instant().plus(settings.confirmationValidity()));
    }

    /** What a confirmation link would confirm, if it is valid and there is something to confirm. */
    @Transactional(readOnly = true)
    Optional<Pending> pending(String token) {
        return tokens.verify(CONFIRM, token, clock.instant())
                .flatMap(Ids::parse)
                .flatMap(id -> {
                    List<String> names =
                            db.sql("""
                                    SELECT n.name FROM subscription s JOIN newsletter n ON n.id = s.newsletter_id
                                    JOIN subscriber r ON r.id = s.subscriber_id
                                    WHERE s.subscriber_id = :id AND s.status = 'PENDING'
                                      AND r.status IN ('PENDING', 'CONFIRMED')
                                    ORDER BY n.position
                                    """).param("id", id).query(String.class).list();
                    if (names.isEmpty()) {
                        return Optional.empty();
                    }
                    Language language = db.sql("SELECT language FROM subscriber WHERE id = :id")
                            .param("id", id)
                            .query(String.class)
                            .optional()
                            .flatMap(Language::fromCode)
                            .orElse(Language.EN);
                    return Optional.of(new Pending(id, names, language));
                });
    }

    /** Confirms what a valid link names; a second press finds nothing left to confirm and changes nothing. */
    @Transactional
    boolean confirm(String token) {
        var pending = pending(token);
        if (pending.isEmpty()) {
            return false;
        }
        long id = pending.get().subscriberId();
        List<Long> begun = db.sql(
                        "SELECT newsletter_id FROM subscription WHERE subscriber_id = :id AND status = 'PENDING'")
                .param("id", id)
                .query(Long.class)
                .list();
        Instant now = clock.instant();
        db.sql("UPDATE subscriber SET status = 'CONFIRMED', confirmed_at = :now WHERE id = :id AND status = 'PENDING'")
                .param("now", SqlTime.utc(now))
                .param("id", id)
                .update();
        db.sql("UPDATE subscription SET status = :to, created_at = :now WHERE subscriber_id = :id AND status = :from")
                .param("from", SubscriptionStatus.PENDING.name())
                .param(
                        "to",
                        SubscriptionStatus.PENDING.to(SubscriptionStatus.ACTIVE).name())
                .param("now", SqlTime.utc(now))
                .param("id", id)
                .update();
        begun.forEach(newsletter -> events.publishEvent(new SubscriptionBegun(id, newsletter)));
        return true;
    }

    /**
     * Forgets what was never confirmed: addresses still pending after the confirmation validity,
     * with their consents, and newsletters a confirmed reader asked for but never confirmed.
     */
    @Transactional
    int purgeUnconfirmed() {
        Instant cutoff = clock.instant().minus(settings.confirmationValidity());
        db.sql("DELETE FROM subscription WHERE status = 'PENDING' AND created_at < :cutoff")
                .param("cutoff", SqlTime.utc(cutoff))
                .update();
        // an address asked again is kept for as long as its newest link works
        return db.sql(
                        "DELETE FROM subscriber WHERE status = 'PENDING' AND COALESCE(last_mailed_at, created_at) < :cutoff")
                .param("cutoff", SqlTime.utc(cutoff))
                .update();
    }
}
