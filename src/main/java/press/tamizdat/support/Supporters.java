package press.tamizdat.support;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The people who gave, by sealed address; nothing about them is kept in the clear. */
@Component
class Supporters {

    private final JdbcClient db;
    private final SealedEmails emails;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Supporters(JdbcClient db, SealedEmails emails, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.emails = emails;
        this.events = events;
        this.clock = clock;
    }

    /** The supporter with this address, made if there is none. */
    long ensure(String email) {
        String index = emails.index(email);
        db.sql("""
                        INSERT INTO supporter (email_sealed, email_index, created_at) VALUES (:sealed, :index, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .param("sealed", emails.seal(email.strip()))
                .param("index", index)
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        return find(email).orElseThrow();
    }

    Optional<Long> find(String email) {
        return db.sql("SELECT id FROM supporter WHERE email_index = :index")
                .param("index", emails.index(email))
                .query(Long.class)
                .optional();
    }

    Optional<String> email(long id) {
        return db.sql("SELECT email_sealed FROM supporter WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(emails::open);
    }

    /**
     * Mails a "manage my support" link if the address is a supporter's, at most one every two
     * minutes; the mail goes after the request is answered, so the answer tells nothing.
     */
    @Transactional
    void requestLink(String email, String language) {
        find(email)
                .filter(this::mayMailLink)
                .ifPresent(id -> events.publishEvent(new ManageLinkRequested(id, language)));
    }

    /** True if a link may be mailed now: at most one every two minutes, however often it is asked for. */
    private boolean mayMailLink(long id) {
        var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return db.sql("""
                                UPDATE supporter SET link_sent_at = :now
                                WHERE id = :id AND (link_sent_at IS NULL OR link_sent_at < :before)
                                """)
                        .param("now", now)
                        .param("before", now.minusMinutes(2))
                        .param("id", id)
                        .update()
                == 1;
    }
}
