package press.tamizdat.reach;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.SqlTime;

/**
 * The pages the mirror could not copy, for the newsroom: which, why, and the page that links to
 * it (where an editor can fix the link). A full export replaces the list; an update replaces what
 * it read again and keeps the rest, since it does not read every page.
 */
@Component
class MirrorSkips {

    /** Why a page is not in the copy. */
    enum Reason {
        /** Its file would be where another file of the copy is, or inside one. */
        COLLIDES,
        /** It answered with an error, or not at all; the copy keeps what it had. */
        UNREADABLE,
        /** Its file could not be written. */
        UNWRITABLE
    }

    /** A page left out: its site path, why, the page that links to it (none for the seeds), when. */
    record Skip(String path, Reason reason, @Nullable String linkedFrom, Instant noticedAt) {}

    private final JdbcClient db;
    private final Clock clock;

    MirrorSkips(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Skip skip(String path, Reason reason, @Nullable String linkedFrom) {
        return new Skip(path, reason, linkedFrom, clock.instant());
    }

    /** After an export: {@code read} are the paths it read (null: a full export, which read them all). */
    @Transactional
    void record(@Nullable Collection<String> read, List<Skip> skipped) {
        if (read == null) {
            db.sql("DELETE FROM mirror_skip").update();
        } else {
            for (String path : read) {
                db.sql("DELETE FROM mirror_skip WHERE path = ?").param(path).update();
            }
        }
        for (var skip : skipped) {
            db.sql("DELETE FROM mirror_skip WHERE path = ?").param(skip.path()).update();
            db.sql("INSERT INTO mirror_skip (path, reason, linked_from, noticed_at) VALUES (?, ?, ?, ?)")
                    .param(skip.path())
                    .param(skip.reason().name())
                    .param(skip.linkedFrom())
                    .param(SqlTime.utc(skip.noticedAt()))
                    .update();
        }
    }

    List<Skip> all() {
        return db.sql("SELECT path, reason, linked_from, noticed_at FROM mirror_skip ORDER BY noticed_at DESC, path")
                .query((row, n) -> new Skip(
                        row.getString("path"),
                        Reason.valueOf(row.getString("reason")),
                        row.getString("linked_from"),
                        row.getObject("noticed_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
