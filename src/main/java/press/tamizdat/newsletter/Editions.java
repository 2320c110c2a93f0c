package press.tamizdat.newsletter;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.publishing.Articles;

/**
 * Editions as an editor curates them: subject, intro, picked articles under headings with their
 * teasers, in a hand-set order; then scheduled for the newsletter's next slot (or now), and
 * cancelled back to a draft until sending starts. Only a draft can be changed.
 *
 * <p>A little longer than our other classes: each change of a draft checks the same version and
 * state, in one place.
 */
@Service
@Transactional
class Editions {

    static final int MAX_SUBJECT = 200;
    static final int MAX_INTRO = 20_000;
    static final int MAX_TEASER = 2_000;
    static final int MAX_HEADING = 80;
    static final List<String> HEADINGS = List.of("News", "Features", "Analysis");

    private final JdbcClient db;
    private final Clock clock;
    private final Newsletters newsletters;
    private final Articles articles;
    private final SchedulerClient scheduler;

    Editions(JdbcClient db, Clock clock, Newsletters newsletters, Articles articles, SchedulerClient scheduler) {
        this.db = db;
        this.clock = clock;
        this.newsletters = newsletters;
        this.articles = articles;
        this.scheduler = scheduler;
    }

    record Item(
            long id,
            long articleId,
            String heading,
            String teaser,
            int position,
            @Nullable String headline,
            @Nullable String path) {}

    record Edition(
            long id,
            Newsletter newsletter,
            String subject,
            String intro,
            boolean fullText,
            EditionStatus status,
            @Nullable Instant scheduledFor,
            @Nullable Instant sentAt,
            @Nullable Integer recipients,
            long version,
            List<Item> items) {

        boolean editable() {
            return status.editable();
        }
    }

    record Summary(
            long id,
            String subject,
            EditionStatus status,
            @Nullable Instant scheduledFor,
            @Nullable Instant sentAt,
            @Nullable Integer recipients) {}

    /** An edition that cannot do what was asked, with the message key saying why. */
    static final class Refused extends RuntimeException {
        private final String key;

        Refused(String key) {
            super(key);
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    /** The edited fields, and one heading and teaser per item (by item id). */
    record Changes(
            String subject, String intro, boolean fullText, Map<Long, String> headings, Map<Long, String> teasers) {}

    long create(long newsletterId, long staffId) {
        var newsletter = newsletters.find(newsletterId).orElseThrow(() -> new Refused("edition.problem.no-newsletter"));
        db.sql("""
                        INSERT INTO edition (newsletter_id, subject, intro, full_text, status, created_by, created_at, version)
                        VALUES (:newsletter, :subject, '', FALSE, :draft, :staff, :now, 0)
                        """)
                .param("draft", EditionStatus.DRAFT.name())
                .param("newsletter", newsletterId)
                .param("subject", newsletter.name())
                .param("staff", staffId)
                .param("now", SqlTime.utc(clock.instant()))
                .update();
        return db.sql("SELECT MAX(id) FROM edition WHERE newsletter_id = :newsletter AND created_by = :staff")
                .param("newsletter", newsletterId)
                .param("staff", staffId)
                .query(Long.class)
                .single();
    }

    @Transactional(readOnly = true)
    List<Summary> list(long newsletterId) {
        return db.sql("""
                        SELECT id, subject, status, scheduled_for, sent_at, recipients FROM edition
                        WHERE newsletter_id = :newsletter ORDER BY COALESCE(sent_at, scheduled_for, created_at) DESC, id DESC
                        """)
                .param("newsletter", newsletterId)
                .query((rs, n) -> new Summary(
                        rs.getLong("id"),
                        rs.getString("subject"),
                        EditionStatus.valueOf(rs.getString("status")),
                        instant(rs.getObject("scheduled_for", java.time.OffsetDateTime.class)),
                        instant(rs.getObject("sent_at", java.time.OffsetDateTime.class)),
                        (Integer) rs.getObject("recipients")))
                .list();
    }

    @Transactional(readOnly = true)
    Optional<Edition> find(long id) {
        return db.sql("""
                        SELECT id, newsletter_id, subject, intro, full_text, status, scheduled_for, sent_at, recipients, version
                        FROM edition WHERE id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new Edition(
                        rs.getLong("id"),
                        newsletters.find(rs.getLong("newsletter_id")).orElseThrow(),
                        rs.getString("subject"),
                        rs.getString("intro"),
                        rs.getBoolean("full_text"),
                        EditionStatus.valueOf(rs.getString("status")),
                        instant(rs.getObject("scheduled_for", java.time.OffsetDateTime.class)),
                        instant(rs.getObject("sent_at", java.time.OffsetDateTime.class)),
                        (Integer) rs.getObject("recipients"),
                        rs.getLong("version"),
                        items(id)))
                .optional();
    }

    private record ItemRow(long id, long articleId, String heading, String teaser, int position) {}

    private List<Item> items(long editionId) {
        return db.sql("""
                        SELECT id, article_id, heading, teaser, position FROM edition_item
                        WHERE edition_id = :id ORDER BY position, id
                        """).param("id", editionId).query(ItemRow.class).list().stream()
                .map(row -> {
                    var article = articles.published(row.articleId());
                    return new Item(
                            row.id(),
                            row.articleId(),
                            row.heading(),
                            row.teaser(),
                            row.position(),
                            article.map(a -> a.headline()).orElse(null),
                            article.map(a -> a.path()).orElse(null));
                })
                .toList();
    }

    /**
     * Saves a draft's fields; a version that moved on (another editor saved, or it was scheduled
     * meanwhile) is refused and nothing is written. Everything is checked first, then the edition
     * row is updated only at the version and state the form was opened in, then its items.
     */
    @Transactional
    void save(long id, long version, Changes changes) {
        var edition = draft(id);
        if (edition.version() != version) {
            throw new Refused("edition.problem.stale");
        }
        String subject = changes.subject().strip();
        if (subject.isEmpty()) {
            throw new Refused("edition.problem.subject-empty");
        }
        if (subject.length() > MAX_SUBJECT || subject.contains("\n") || subject.contains("\r")) {
            throw new Refused("edition.problem.subject-too-long");
        }
        if (changes.intro().length() > MAX_INTRO) {
            throw new Refused("edition.problem.intro-too-long");
        }
        var items = new ArrayList<ItemRow>();
        for (Item item : edition.items()) {
            String heading =
                    changes.headings().getOrDefault(item.id(), item.heading()).strip();
            String teaser =
                    changes.teasers().getOrDefault(item.id(), item.teaser()).strip();
            if (heading.isEmpty() || heading.length() > MAX_HEADING) {
                throw new Refused("edition.problem.heading");
            }
            if (teaser.length() > MAX_TEASER) {
                throw new Refused("edition.problem.teaser-too-long");
            }
            items.add(new ItemRow(item.id(), item.articleId(), heading, teaser, item.position()));
        }
        int saved = db.sql("""
                        UPDATE edition SET subject = :subject, intro = :intro, full_text = :fullText, version = version + 1
                        WHERE id = :id AND version = :version AND status = :draft
                        """)
                .param("subject", subject)
                .param("intro", changes.intro())
                .param("fullText", changes.fullText())
                .param("id", id)
                .param("version", version)
                .param("draft", EditionStatus.DRAFT.name())
                .update();
        if (saved == 0) {
            throw new Refused("edition.problem.stale");
        }
        for (ItemRow item : items) {
            db.sql("UPDATE edition_item SET heading = :heading, teaser = :teaser WHERE id = :item AND edition_id = :id")
                    .param("heading", item.heading())
                    .param("teaser", item.teaser())
                    .param("item", item.id())
                    .param("id", id)
                    .update();
        }
    }

    /** Adds a published article under a heading, last; its standfirst is the teaser to start from. */
    void add(long id, long articleId, String heading) {
        var edition = draft(id);
        var article = articles.published(articleId).orElseThrow(() -> new Refused("edition.problem.not-published"));
        if (edition.items().stream().anyMatch(item -> item.articleId() == articleId)) {
            throw new Refused("edition.problem.already-in");
        }
        String under = heading.isBlank() ? HEADINGS.getFirst() : heading.strip();
        if (under.length() > MAX_HEADING) {
            throw new Refused("edition.problem.heading");
        }
        int last = edition.items().stream().mapToInt(Item::position).max().orElse(0);
        db.sql("""
                        INSERT INTO edition_item (edition_id, article_id, heading, teaser, position)
                        VALUES (:id, :article, :heading, :teaser, :position)
                        """)
                .param("id", id)
                .param("article", articleId)
                .param("heading", under)
                .param("teaser", article.subheadline() == null ? "" : article.subheadline())
                .param("position", last + 1)
                .update();
        touch(id);
    }

    /** Moves an item one place up ({@code -1}) or down ({@code +1}). */
    void move(long id, long itemId, int direction) {
        var items = new ArrayList<>(draft(id).items());
        int at = indexOf(items, itemId);
        int to = at + Integer.signum(direction);
        if (to < 0 || to >= items.size()) {
            return;
        }
        items.add(to, items.remove(at));
        for (int i = 0; i < items.size(); i++) {
            db.sql("UPDATE edition_item SET position = :position WHERE id = :item")
                    .param("position", i + 1)
                    .param("item", items.get(i).id())
                    .update();
        }
        touch(id);
    }

    void remove(long id, long itemId) {
        var items = draft(id).items();
        indexOf(items, itemId);
        db.sql("DELETE FROM edition_item WHERE id = :item AND edition_id = :id")
                .param("item", itemId)
                .param("id", id)
                .update();
        touch(id);
    }

    /** Schedules a draft for {@code at}, or for the newsletter's next slot when {@code at} is null. */
    Instant schedule(long id, @Nullable Instant at) {
        var edition = draft(id);
        if (edition.items().isEmpty()) {
            throw new Refused("edition.problem.empty");
        }
        Instant when = at != null ? at : Slots.next(edition.newsletter(), clock.instant());
        int scheduled = db.sql("""
                        UPDATE edition SET status = :to, scheduled_for = :when, version = version + 1
                        WHERE id = :id AND status = :from
                        """)
                .param("from", EditionStatus.DRAFT.name())
                .param("to", EditionStatus.DRAFT.to(EditionStatus.SCHEDULED).name())
                .param("when", SqlTime.utc(when))
                .param("id", id)
                .update();
        if (scheduled == 0) {
            throw new Refused("edition.problem.not-draft"); // scheduled from elsewhere meanwhile
        }
        var instance = EditionSending.TASK.instance(Long.toString(id)).build();
        if (!scheduler.scheduleIfNotExists(instance, when)) {
            scheduler.reschedule(instance, when);
        }
        return when;
    }

    /** Back to a draft, as long as sending has not started. */
    void cancel(long id) {
        int updated = db.sql("""
                        UPDATE edition SET status = :to, scheduled_for = NULL, version = version + 1
                        WHERE id = :id AND status = :from
                        """)
                .param("from", EditionStatus.SCHEDULED.name())
                .param("to", EditionStatus.SCHEDULED.to(EditionStatus.DRAFT).name())
                .param("id", id)
                .update();
        if (updated == 0) {
            throw new Refused("edition.problem.not-scheduled");
        }
        var instance = EditionSending.TASK.instanceId(Long.toString(id));
        if (scheduler.getScheduledExecution(instance).isPresent()) {
            scheduler.cancel(instance);
        }
    }

    private Edition draft(long id) {
        var edition = find(id).orElseThrow(() -> new Refused("edition.problem.missing"));
        if (!edition.editable()) {
            throw new Refused("edition.problem.not-draft");
        }
        return edition;
    }

    private void touch(long id) {
        db.sql("UPDATE edition SET version = version + 1 WHERE id = :id")
                .param("id", id)
                .update();
    }

    private static int indexOf(List<Item> items, long itemId) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id() == itemId) {
                return i;
            }
        }
        throw new Refused("edition.problem.no-item");
    }

    private static @Nullable Instant instant(java.time.@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
