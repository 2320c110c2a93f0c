package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import press.tamizdat.platform.Csv;

/**
 * The audit log: an append-only record of what staff did — sign-ins and failed sign-ins,
 * publishing, deletions, settings, exports, staff changes. Each entry says who, what, on what and
 * when, and from which session and client as keyed hashes (the same session or client gives the
 * same short mark; neither the session id nor the address can be read back). Nothing here updates
 * or deletes an entry; retention is a job of its own.
 */
@Component
public class AuditLog {

    private final JdbcClient db;
    private final Clock clock;
    private final NewsroomKeys keys;

    AuditLog(JdbcClient db, Clock clock, NewsroomKeys keys) {
        this.db = db;
        this.clock = clock;
        this.keys = keys;
    }

    /** One entry as the newsroom shows and exports it. */
    public record Entry(
            Instant at,
            @Nullable String staffEmail,
            String action,
            @Nullable String subject,
            @Nullable String sessionRef,
            @Nullable String clientRef) {}

    /** Records {@code action} on {@code subject} by the signed-in staff member of this request. */
    public void record(String action, @Nullable String subject) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        @Nullable
        StaffMember staff =
                authentication != null && authentication.getPrincipal() instanceof StaffPrincipal p ? p.member() : null;
        write(staff == null ? null : staff.id(), staff == null ? null : staff.email(), action, subject);
    }

    /** Records {@code action} on {@code subject} by {@code staff}. */
    public void record(StaffMember staff, String action, @Nullable String subject) {
        write(staff.id(), staff.email(), action, subject);
    }

    /** A failed sign-in, with the address that was tried (whether or not it is a staff member's). */
    void failedSignIn(@Nullable String email) {
        write(null, email, "sign-in-failed", null);
    }

    private void write(@Nullable Long staffId, @Nullable String email, String action, @Nullable String subject) {
        @Nullable
        HttpServletRequest request =
                RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                        ? attributes.getRequest()
                        : null;
        var session = request == null ? null : request.getSession(false);
        db.sql("""
                        INSERT INTO audit_entry (at, staff_id, staff_email, action, subject, session_ref, client_ref)
                        VALUES (:at, :staff, :email, :action, :subject, :session, :client)
                        """)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("staff", staffId)
                .param("email", cut(email, 320))
                .param("action", cut(action, 60))
                .param("subject", cut(subject, 300))
                .param(
                        "session",
                        SecurityContextHolder.getContext().getAuthentication() instanceof StaffAuthentication staff
                                ? staff.ref()
                                : session == null ? null : mark("session", session.getId()))
                .param("client", request == null ? null : mark("client", request.getRemoteAddr()))
                .update();
    }

    /** Deletes the entries older than {@code cutoff} (the retention period is the privacy module's setting). */
    public int forgetBefore(Instant cutoff) {
        return db.sql("DELETE FROM audit_entry WHERE at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }

    /** The latest entries, newest first. */
    public List<Entry> latest(int limit) {
        return db.sql("""
                        SELECT at, staff_email, action, subject, session_ref, client_ref FROM audit_entry
                        ORDER BY at DESC, id DESC FETCH FIRST :limit ROWS ONLY
                        """)
                .param("limit", limit)
                .query((rs, n) -> new Entry(
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("staff_email"),
                        rs.getString("action"),
                        rs.getString("subject"),
                        rs.getString("session_ref"),
                        rs.getString("client_ref")))
                .list();
    }

    /** Every entry, oldest first, as CSV. */
    void csv(Appendable out) throws IOException {
        out.append("at,staff,action,subject,session,client\r\n");
        try {
            db.sql("""
                            SELECT at, staff_email, action, subject, session_ref, client_ref FROM audit_entry
                            ORDER BY at, id
                            """).query(rs -> {
                try {
                    out.append(String.join(
                                    ",",
                                    rs.getObject("at", OffsetDateTime.class)
                                            .withOffsetSameInstant(ZoneOffset.UTC)
                                            .toString(),
                                    Csv.field(rs.getString("staff_email")),
                                    Csv.field(rs.getString("action")),
                                    Csv.field(rs.getString("subject")),
                                    Csv.field(rs.getString("session_ref")),
                                    Csv.field(rs.getString("client_ref"))))
                            .append("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A short keyed mark: equal inputs give equal marks, and the input cannot be read back. */
    private String mark(String purpose, String value) {
        return keys.mark(purpose, value).substring(0, 16);
    }

    private static @Nullable String cut(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
