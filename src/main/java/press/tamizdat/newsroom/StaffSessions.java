package press.tamizdat.newsroom;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every full staff sign-in, in the database, so that a member's sessions can be listed and ended
 * from any node. A session carries a random reference of its own (never the session id); at each
 * request the newsroom asks here whether it is still open, so ending one — by its owner, by an
 * admin, by deactivating the member, changing their role or resetting their second factors — takes
 * effect at that session's next request.
 */
@Component
class StaffSessions {

    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final JdbcClient db;
    private final Clock clock;
    private final Duration idleTimeout;
    private final SecureRandom random = new SecureRandom();

    // Spring Boot's own setting, the container's session timeout: read as the container reads it
    StaffSessions(JdbcClient db, Clock clock, @Value("${server.servlet.session.timeout:30m}") Duration idleTimeout) {
        this.db = db;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** One open session as the account and staff pages list it. */
    record OpenSession(String ref, String factor, Instant startedAt, Instant lastSeen) {}

    /** Opens a session for {@code member}; returns its reference. */
    String open(StaffMember member, String factor) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        String ref = HexFormat.of().formatHex(bytes);
        var now = now();
        db.sql("""
                        INSERT INTO staff_session (ref, staff_id, factor, started_at, last_seen)
                        VALUES (:ref, :staff, :factor, :now, :now)
                        """)
                .param("ref", ref)
                .param("staff", member.id())
                .param("factor", factor)
                .param("now", now)
                .update();
        return ref;
    }

    /** Whether the session {@code ref} is still open; notes that it was seen (at most once a minute). */
    boolean stillOpen(String ref) {
        record Row(@Nullable OffsetDateTime endedAt, OffsetDateTime lastSeen) {}
        var row = db.sql("SELECT ended_at, last_seen FROM staff_session WHERE ref = :ref")
                .param("ref", ref)
                .query((rs, n) -> new Row(
                        rs.getObject("ended_at", OffsetDateTime.class),
                        rs.getObject("last_seen", OffsetDateTime.class)))
                .optional();
        if (row.isEmpty() || row.get().endedAt() != null) {
            return false;
        }
        var now = now();
        if (row.get().lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
            db.sql("UPDATE staff_session SET last_seen = :now WHERE ref = :ref")
                    .param("now", now)
                    .param("ref", ref)
                    .update();
        }
        return true;
    }

    /** {@code member}'s open sessions, newest first (one idle past the timeout has ended by itself). */
    List<OpenSession> openOf(StaffMember member) {
        return db.sql("""
                        SELECT ref, factor, started_at, last_seen FROM staff_session
                        WHERE staff_id = :staff AND ended_at IS NULL AND last_seen > :idle
                        ORDER BY started_at DESC
                        """)
                .param("staff", member.id())
                .param("idle", now().minus(idleTimeout.plus(TOUCH_EVERY)))
                .query((rs, n) -> new OpenSession(
                        rs.getString("ref"),
                        rs.getString("factor"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_seen", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Ends one of {@code member}'s sessions; false if it is not theirs or was over already. */
    boolean end(StaffMember member, String ref) {
        return db.sql("""
                                UPDATE staff_session SET ended_at = :now
                                WHERE ref = :ref AND staff_id = :staff AND ended_at IS NULL
                                """)
                        .param("now", now())
                        .param("ref", ref)
                        .param("staff", member.id())
                        .update()
                == 1;
    }

    /** Ends every session of {@code member} but {@code kept}: after a password change, say. */
    int endAllBut(StaffMember member, String kept) {
        return db.sql("""
                        UPDATE staff_session SET ended_at = :now
                        WHERE staff_id = :staff AND ended_at IS NULL AND ref <> :kept
                        """)
                .param("now", now())
                .param("staff", member.id())
                .param("kept", kept)
                .update();
    }

    /** Ends every session of {@code member}; returns how many were open. */
    int endAll(StaffMember member) {
        return db.sql("UPDATE staff_session SET ended_at = :now WHERE staff_id = :staff AND ended_at IS NULL")
                .param("now", now())
                .param("staff", member.id())
                .update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
