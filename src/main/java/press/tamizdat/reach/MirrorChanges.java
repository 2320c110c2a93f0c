package press.tamizdat.reach;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticleLocations;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;
import press.tamizdat.web.LanguageEditions;
import press.tamizdat.web.PublicPaths;

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
    private final ArticleLocations articles;
    private final ReachSettings.Mirror settings;
    private final LanguageEditions editions;

    MirrorChanges(
            JdbcClient db, Clock clock, ReachSettings settings, ArticleLocations articles, LanguageEditions editions) {
        this.editions = editions;
        this.articles = articles;
        this.db = db;
        this.clock = clock;
        this.settings = settings.mirror();
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        noteArticle(event.language(), event.slug(), event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        noteArticle(event.language(), event.slug(), event.articleId());
    }

    /** Its listings too, or the copy's tag and author pages would link to a page that is gone. */
    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        noteArticle(event.language(), event.slug(), event.articleId());
    }

    /**
     * The article's full and light pages, and the lists it is on: its section, tags and authors
     * (after a move, the old section's lists wait for the night). Without a section found, every
     * section's lists are redone. Noted in the order of their paths, the order {@link #drain} takes
     * them in, so two transactions never wait for each other in a circle on PostgreSQL.
     */
    private void noteArticle(Language language, String slug, long articleId) {
        if (!settings.enabled()) {
            return;
        }
        var paths = new TreeSet<String>();
        String page = PublicPaths.article(language, slug);
        paths.add(page);
        paths.add(PublicPaths.light(page));
        // the article's document in the Content API: re-read, or removed when the article is gone
        paths.add(PublicPaths.apiArticle(language, slug));
        var places = articles.places(articleId);
        paths.add(places.sectionSlug().map(PublicPaths::section).orElse(EVERY_SECTION));
        // the lists of the article's own edition, when that is not the site language's
        places.sectionSlug().ifPresent(section -> paths.add(editions.path(language, PublicPaths.section(section))));
        places.tags().forEach(tag -> {
            paths.add(PublicPaths.tag(tag));
            paths.add(editions.path(language, PublicPaths.tag(tag)));
        });
        places.bylines().forEach(byline -> paths.add(PublicPaths.author(byline)));
        paths.forEach(this::note);
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

    /**
     * The paths noted since the last export, now taken off the list: one row at a time, in the
     * order every note takes them (Java's order of the paths, not the database's collation). One
     * delete of them all locked the rows in whatever order the table was read, and deadlocked with
     * a publication's notes on PostgreSQL.
     */
    @Transactional
    Set<String> drain() {
        var paths = new TreeSet<>(
                db.sql("SELECT path FROM mirror_change").query(String.class).list());
        for (String path : paths) {
            db.sql("DELETE FROM mirror_change WHERE path = :path")
                    .param("path", path)
                    .update();
        }
        return paths;
    }
}
