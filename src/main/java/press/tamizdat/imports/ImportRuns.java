package press.tamizdat.imports;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.SqlTime;

/**
 * Imports as the newsroom follows them: each run's state ({@code RUNNING}, then {@code DONE} or
 * {@code FAILED}), its counts as it goes, and its report of what was left out or changed, and why.
 * A run its node did not live to finish is marked failed when the application starts again.
 */
@Component
class ImportRuns {

    static final int MAX_NOTES = 2_000;

    enum State {
        RUNNING,
        DONE,
        FAILED
    }

    record Counts(int seen, int created, int updated, int unchanged, int skipped, int images) {}

    record Run(
            long id,
            String source,
            String fileName,
            State state,
            Instant startedAt,
            @Nullable Instant finishedAt,
            Counts counts,
            @Nullable String failure) {}

    record Note(String item, String note) {}

    private final JdbcClient db;
    private final Clock clock;

    ImportRuns(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    long start(String source, String fileName) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("""
                        INSERT INTO import_run (source, file_name, state, started_at, seen, created, updated, unchanged,
                          skipped, images)
                        VALUES (:source, :file, :state, :now, 0, 0, 0, 0, 0, 0)
                        """)
                .param("source", source)
                .param("file", fileName.length() > 300 ? fileName.substring(0, 300) : fileName)
                .param("state", State.RUNNING.name())
                .param("now", SqlTime.utc(clock.instant()))
                .update(keys, "id");
        return java.util.Objects.requireNonNull(keys.getKey()).longValue();
    }

    void progress(long run, Counts counts) {
        db.sql("""
                        UPDATE import_run SET seen = :seen, created = :created, updated = :updated,
                          unchanged = :unchanged, skipped = :skipped, images = :images WHERE id = :id
                        """)
                .param("seen", counts.seen())
                .param("created", counts.created())
                .param("updated", counts.updated())
                .param("unchanged", counts.unchanged())
                .param("skipped", counts.skipped())
                .param("images", counts.images())
                .param("id", run)
                .update();
    }

    void note(long run, int position, String item, String note) {
        if (position >= MAX_NOTES) {
            return;
        }
        db.sql("INSERT INTO import_note (run_id, position, item, note) VALUES (:run, :position, :item, :note)")
                .param("run", run)
                .param("position", position)
                .param("item", item.length() > 300 ? item.substring(0, 299) + "…" : item)
                .param("note", note.length() > 1000 ? note.substring(0, 999) + "…" : note)
                .update();
    }

    void finish(long run, Counts counts, @Nullable String failure) {
        progress(run, counts);
        db.sql("UPDATE import_run SET state = :state, finished_at = :now, failure = :failure WHERE id = :id")
                .param("state", failure == null ? State.DONE.name() : State.FAILED.name())
                .param("now", SqlTime.utc(clock.instant()))
                .param("failure", failure == null || failure.length() <= 500 ? failure : failure.substring(0, 500))
                .param("id", run)
                .update();
    }

    List<Run> latest(int limit) {
        return db.sql("SELECT * FROM import_run ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new Run(
                        rs.getLong("id"),
                        rs.getString("source"),
                        rs.getString("file_name"),
                        State.valueOf(rs.getString("state")),
                        java.util.Objects.requireNonNull(SqlTime.instant(rs, "started_at")),
                        SqlTime.instant(rs, "finished_at"),
                        new Counts(
                                rs.getInt("seen"),
                                rs.getInt("created"),
                                rs.getInt("updated"),
                                rs.getInt("unchanged"),
                                rs.getInt("skipped"),
                                rs.getInt("images")),
                        rs.getString("failure")))
                .list();
    }

    List<Note> notes(long run) {
        return db.sql("SELECT item, note FROM import_note WHERE run_id = :run ORDER BY position")
                .param("run", run)
                .query((rs, n) -> new Note(rs.getString("item"), rs.getString("note")))
                .list();
    }

    /** A run still marked running when the application starts was cut off with its node. */
    @EventListener(ApplicationReadyEvent.class)
    void markCutOff() {
        // only runs older than a start-up: another node may be running one now
        db.sql("UPDATE import_run SET state = :failed, failure = :why, finished_at = :now"
                        + " WHERE state = :running AND started_at < :before")
                .param("failed", State.FAILED.name())
                .param("why", "The application stopped during the import; run it again: it updates what it made.")
                .param("now", SqlTime.utc(clock.instant()))
                .param("running", State.RUNNING.name())
                .param("before", SqlTime.utc(clock.instant().minus(java.time.Duration.ofHours(6))))
                .update();
    }
}
