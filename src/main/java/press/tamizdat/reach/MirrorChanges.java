package press.tamizdat.reach;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;
import press.tamizdat.publishing.Language;

/**
 * Notes which article pages changed and asks for a mirror update shortly after: the first change
 * schedules the update a debounce from now, and changes until then join it (one update for a
 * burst of publishing). Kept in the database, so a restart loses no change and one node updates.
 */
@Component
class MirrorChanges {

    private final JdbcClient db;
    private final Clock clock;
    private final SchedulerClient scheduler;
    private final ReachSettings.Mirror settings;

    MirrorChanges(JdbcClient db, Clock clock, @Lazy SchedulerClient scheduler, ReachSettings settings) {
        this.db = db;
        this.clock = clock;
        this.scheduler = scheduler;
        this.settings = settings.mirror();
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        changed(event.language(), event.slug());
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        changed(event.language(), event.slug());
    }

    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        changed(event.language(), event.slug());
    }

    void changed(Language language, String slug) {
        if (!settings.enabled()) {
            return;
        }
        String path = "/" + language.code() + "/" + slug;
        var now = clock.instant();
        int updated = db.sql("UPDATE mirror_change SET changed_at = :now WHERE path = :path")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("path", path)
                .update();
        if (updated == 0) {
            try {
                db.sql("INSERT INTO mirror_change (path, changed_at) VALUES (:path, :now)")
                        .param("path", path)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException anotherNodeWasFaster) {
                // the path is noted either way
            }
        }
        scheduler.scheduleIfNotExists(MirrorJobs.UPDATE.instance("site").build(), now.plus(settings.debounce()));
    }

    /** A first copy soon after the first start, without waiting for a publish or the night. */
    @EventListener(ApplicationReadyEvent.class)
    void firstCopy() {
        if (settings.enabled() && !Files.exists(settings.folder().resolve(StaticMirror.MANIFEST))) {
            scheduler.scheduleIfNotExists(
                    MirrorJobs.UPDATE.instance("site").build(), clock.instant().plus(settings.debounce()));
        }
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
