package press.tamizdat.reach;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.Language;

/**
 * Notes which article pages changed (their full and light pages), for the mirror's next update,
 * which {@link MirrorJobs} runs once the changes have settled for a debounce (one update for a
 * burst of publishing). Kept in the database, so a restart loses no change and one node updates.
 */
@Component
class MirrorChanges {

    /** Noted when an article left the site: its section is not known any more, so every section's lists are redone. */
    static final String EVERY_SECTION = "/section/*";

    private final JdbcClient db;
    private final Clock clock;
    private final Articles articles;
    private final ReachSettings.Mirror settings;

    MirrorChanges(JdbcClient db, Clock clock, ReachSettings settings, Articles articles) {
        this.articles = articles;
        this.db = db;
        this.clock = clock;
        this.settings = settings.mirror();
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        changed(event.language(), event.slug());
        listingsOf(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        changed(event.language(), event.slug());
        listingsOf(event.articleId());
    }

    /** Its listings too, or the copy's tag and author pages would link to a page that is gone. */
    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        changed(event.language(), event.slug());
        listingsOf(event.articleId());
    }

    /**
     * The lists the article is on: its section, tags and authors (after a move, the old section's
     * lists wait for the night). Without a section found, every section's lists are redone.
     */
    private void listingsOf(long articleId) {
        if (!settings.enabled()) {
            return;
        }
        var paths = articles.listingPaths(articleId);
        if (paths.stream().noneMatch(path -> path.startsWith("/section/"))) {
            note(EVERY_SECTION);
        }
        paths.forEach(this::note);
    }

    void changed(Language language, String slug) {
        if (!settings.enabled()) {
            return;
        }
        String path = "/" + language.code() + "/" + slug;
        note(path);
        note("/lite" + path);
    }

    /** Notes that the page at {@code path} changed; the next update renders it again. */
    void note(String path) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        // two statements that never fail on a duplicate: a failed one would abort the transaction
        // on PostgreSQL, and with it the notes already made
        db.sql("INSERT INTO mirror_change (path, changed_at) VALUES (:path, :now) ON CONFLICT DO NOTHING")
                .param("path", path)
                .param("now", now)
                .update();
        db.sql("UPDATE mirror_change SET changed_at = :now WHERE path = :path AND changed_at < :now")
                .param("now", now)
                .param("path", path)
                .update();
    }

    /**
     * Whether an update is due: the last change is a debounce old (a burst of publishing has
     * settled), or the first has waited six debounces (a steady stream still gets its updates).
     */
    boolean due() {
        record Span(
                @Nullable OffsetDateTime first, @Nullable OffsetDateTime last) {}
        var span = db.sql("SELECT MIN(changed_at) AS first_change, MAX(changed_at) AS last_change FROM mirror_change")
                .query((rs, n) -> new Span(
                        rs.getObject("first_change", OffsetDateTime.class),
                        rs.getObject("last_change", OffsetDateTime.class)))
                .single();
        if (span.last() == null || span.first() == null) {
            return false;
        }
        var now = clock.instant();
        return !span.last().toInstant().plus(settings.debounce()).isAfter(now)
                || !span.first()
                        .toInstant()
                        .plus(settings.debounce().multipliedBy(6))
                        .isAfter(now);
    }

    /** The paths noted since the last export, now taken off the list. */
    @Transactional
    Set<String> drain() {
        var paths = new HashSet<>(
                db.sql("SELECT path FROM mirror_change").query(String.class).list());
        if (!paths.isEmpty()) {
            db.sql("DELETE FROM mirror_change WHERE path IN (:paths)")
                    .param("paths", paths)
                    .update();
        }
        return paths;
    }
}
