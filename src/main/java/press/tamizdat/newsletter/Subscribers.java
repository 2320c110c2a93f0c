package press.tamizdat.newsletter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Csv;
import press.tamizdat.platform.EmailAddresses;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.publishing.StandingPages;

/**
 * The subscriber list as the newsroom keeps it: counts, search, suppression, erasure of a person,
 * and CSV import (with where the addresses came from recorded as their consent) and export.
 *
 * <p>A little longer than our other classes: the CSV import's reading (delimiter, cells, consent
 * times) sits beside the list it fills.
 */
@Service
class Subscribers {

    static final int MAX_IMPORT_LINES = 200_000;

    private final JdbcClient db;
    private final Clock clock;
    private final StandingPages pages;
    private final Consents consents;

    Subscribers(JdbcClient db, Clock clock, StandingPages pages, Consents consents) {
        this.db = db;
        this.clock = clock;
        this.pages = pages;
        this.consents = consents;
    }

    record Count(String newsletter, String status, int subscribers) {}

    record Row(
            long id,
            String email,
            String status,
            Instant createdAt,
            @Nullable Instant confirmedAt,
            String newsletters) {}

    /** What an import did, line by line where a line was refused. */
    /** Shown once after the import, so kept in the (stored) session until then. */
    record Imported(int added, int existing, List<Integer> invalidLines, boolean truncated, int notSubscribed)
            implements java.io.Serializable {}

    @Transactional(readOnly = true)
    List<Count> counts() {
        return db.sql("""
                        SELECT n.name AS newsletter, s.status, COUNT(*) AS subscribers
                        FROM subscription s JOIN newsletter n ON n.id = s.newsletter_id
                        JOIN subscriber r ON r.id = s.subscriber_id
                        WHERE r.status IN ('PENDING', 'CONFIRMED')
                        GROUP BY n.name, n.position, s.status ORDER BY n.position, s.status
                        """).query(Count.class).list();
    }

    /** Subscriptions to one newsletter in one state, of addresses that may still get mail. */
    @Transactional(readOnly = true)
    int count(long newsletterId, SubscriptionStatus status) {
        return db.sql("""
                        SELECT COUNT(*) FROM subscription s JOIN subscriber r ON r.id = s.subscriber_id
                        WHERE s.newsletter_id = :id AND s.status = :status AND r.status IN ('PENDING', 'CONFIRMED')
                        """)
                .param("id", newsletterId)
                .param("status", status.name())
                .query(Integer.class)
                .single();
    }

    @Transactional(readOnly = true)
    List<Count> addressCounts() {
        return db.sql(
                        "SELECT '' AS newsletter, status, COUNT(*) AS subscribers FROM subscriber GROUP BY status ORDER BY status")
                .query(Count.class)
                .list();
    }

    @Transactional(readOnly = true)
    List<Row> search(String query, @Nullable String status) {
        return db.sql("""
                        SELECT r.id, r.email, r.status, r.created_at, r.confirmed_at,
                               COALESCE((SELECT STRING_AGG(n.slug, ',') FROM subscription s JOIN newsletter n ON n.id = s.newsletter_id
                                         WHERE s.subscriber_id = r.id AND s.status = 'ACTIVE'), '') AS newsletters
                        FROM subscriber r
                        WHERE LOWER(r.email) LIKE :pattern AND (CAST(:status AS VARCHAR) IS NULL OR r.status = :status)
                        ORDER BY r.email LIMIT 100
                        """)
                .param(
                        "pattern",
                        "%"
                                + query.strip()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace("\\", "")
                                        .replace("%", "")
                                        .replace("_", "\\_")
                                + "%")
                .param("status", status)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("email"),
                        rs.getString("status"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("confirmed_at", OffsetDateTime.class) == null
                                ? null
                                : rs.getObject("confirmed_at", OffsetDateTime.class)
                                        .toInstant(),
                        rs.getString("newsletters")))
                .list();
    }

    /** No mail of any kind to this address any more, whatever anyone submits. */
    @Transactional
    void suppress(long id) {
        db.sql("UPDATE subscriber SET status = 'SUPPRESSED' WHERE id = :id")
                .param("id", id)
                .update();
        db.sql("DELETE FROM delivery WHERE subscriber_id = :id AND status = 'PENDING'")
                .param("id", id)
                .update();
    }

    /**
     * Removes a person: the address, its subscriptions and consents; in past deliveries the address
     * is replaced, and deliveries not yet made are dropped.
     */
    @Transactional
    void erase(long id) {
        db.sql("DELETE FROM delivery WHERE subscriber_id = :id AND status = 'PENDING'")
                .param("id", id)
                .update();
        // a refusal's text often quotes the address it refused
        db.sql("UPDATE delivery SET email = 'erased', error = NULL WHERE subscriber_id = :id")
                .param("id", id)
                .update();
        db.sql("DELETE FROM subscriber WHERE id = :id").param("id", id).update();
    }

    /**
     * Adds confirmed subscribers from a CSV, subscribed to one newsletter; addresses already known
     * are left as they are. A file with a header row is read by column: {@code email}, and, to keep
     * where and when each person agreed, {@code consent_given_at} (or {@code consented_at},
     * {@code subscribed_at}, Ghost's {@code created_at}) and {@code consent_source} (or
     * {@code source}); rows that say the person is not subscribed (Ghost's
     * {@code subscribed_to_emails} false, or a {@code status} other than confirmed) are not added.
     * A file without a header has the address in its first column. The consent records the
     * newsroom's source, and the row's own when it has one.
     */
    @Transactional
    Imported importCsv(BufferedReader csv, Newsletter newsletter, String source) throws IOException {
        int added = 0;
        int existing = 0;
        int notSubscribed = 0;
        var invalid = new ArrayList<Integer>();
        Instant now = clock.instant();
        int version = pages.privacyPolicyVersion(Language.EN);
        csv.mark(64 * 1024);
        String first = csv.readLine();
        if (first == null) {
            return new Imported(0, 0, List.of(), false, 0);
        }
        csv.reset();
        char delimiter = delimiter(first);
        boolean header = !first.contains("@");
        var format = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        var parser = format.parse(csv);
        java.util.Map<String, Integer> columns = new java.util.HashMap<>();
        int number = 0;
        boolean truncated = false;
        for (var row : parser) {
            number++;
            if (number > MAX_IMPORT_LINES) {
                truncated = true;
                break;
            }
            if (number == 1 && header) {
                for (int i = 0; i < row.size(); i++) {
                    columns.putIfAbsent(row.get(i).strip().toLowerCase(java.util.Locale.ROOT), i);
                }
                continue;
            }
            String address = cell(row, columns, 0, "email", "email address", "e-mail");
            if (address == null || address.isEmpty()) {
                continue;
            }
            var email = EmailAddresses.normalize(address.replace("\"", ""));
            if (email.isEmpty()) {
                invalid.add(number);
                continue;
            }
            String subscribed = cell(row, columns, -1, "subscribed_to_emails", "subscribed");
            String status = cell(row, columns, -1, "status");
            if ((subscribed != null && subscribed.equalsIgnoreCase("false"))
                    || (status != null
                            && !status.isEmpty()
                            && !status.equalsIgnoreCase("confirmed")
                            && !status.equalsIgnoreCase("active")
                            && !status.equalsIgnoreCase("subscribed"))) {
                notSubscribed++;
                continue;
            }
            boolean known = db.sql("SELECT COUNT(*) FROM subscriber WHERE email = :email")
                            .param("email", email.get())
                            .query(Integer.class)
                            .single()
                    > 0;
            if (known) {
                existing++;
                continue;
            }
            Instant given = consentTime(
                    cell(row, columns, -1, "consent_given_at", "consented_at", "subscribed_at", "created_at"), now);
            String rowSource = cell(row, columns, -1, "consent_source", "source");
            String provenance = "import: " + source
                    + (rowSource == null || rowSource.isEmpty() ? "" : " · " + rowSource)
                    + (given.equals(now) ? "" : " · agreed " + given);
            db.sql("""
                            INSERT INTO subscriber (email, status, language, created_at, confirmed_at)
                            VALUES (:email, 'CONFIRMED', 'en', :now, :given)
                            """)
                    .param("email", email.get())
                    .param("now", SqlTime.utc(now))
                    .param("given", SqlTime.utc(given))
                    .update();
            long id = db.sql("SELECT id FROM subscriber WHERE email = :email")
                    .param("email", email.get())
                    .query(Long.class)
                    .single();
            db.sql(
                            "INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at) VALUES (:id, :n, :active, :now)")
                    .param("active", SubscriptionStatus.ACTIVE.name())
                    .param("id", id)
                    .param("n", newsletter.id())
                    .param("now", SqlTime.utc(now))
                    .update();
            consents.record(
                    id,
                    version,
                    given,
                    provenance.length() > 200 ? provenance.substring(0, 200) : provenance,
                    List.of(newsletter));
            added++;
        }
        return new Imported(
                added, existing, invalid.size() > 100 ? invalid.subList(0, 100) : invalid, truncated, notSubscribed);
    }

    /** The delimiter of a CSV line: the comma, or a semicolon or tab when the line has more of those. */
    private static char delimiter(String line) {
        long commas = line.chars().filter(c -> c == ',').count();
        long semicolons = line.chars().filter(c -> c == ';').count();
        long tabs = line.chars().filter(c -> c == '\t').count();
        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    /** A row's value in the first of the named columns it has, else at {@code position} (or none when negative). */
    private static @org.jspecify.annotations.Nullable String cell(
            org.apache.commons.csv.CSVRecord row,
            java.util.Map<String, Integer> columns,
            int position,
            String... names) {
        for (String name : names) {
            Integer index = columns.get(name);
            if (index != null) {
                return index < row.size() ? row.get(index).strip() : null;
            }
        }
        return position >= 0 && position < row.size() ? row.get(position).strip() : null;
    }

    /** When the person agreed, as the file says (ISO time, or a date and time, or a date), not after now. */
    private static Instant consentTime(@org.jspecify.annotations.Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return now;
        }
        String text = value.strip();
        try {
            return min(java.time.OffsetDateTime.parse(text).toInstant(), now);
        } catch (java.time.format.DateTimeParseException notOffset) {
            // try the others
        }
        try {
            return min(Instant.parse(text), now);
        } catch (java.time.format.DateTimeParseException notInstant) {
            // try the others
        }
        try {
            return min(java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC), now);
        } catch (java.time.format.DateTimeParseException notLocal) {
            // try the date
        }
        try {
            return min(
                    java.time.LocalDate.parse(text)
                            .atStartOfDay(java.time.ZoneOffset.UTC)
                            .toInstant(),
                    now);
        } catch (java.time.format.DateTimeParseException unreadable) {
            return now;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Every subscriber with their newsletters and latest consent, as CSV (RFC 4180). */
    @Transactional(readOnly = true)
    void exportCsv(Writer out) throws IOException {
        out.write(
                "email,status,language,created_at,confirmed_at,newsletters,consent_policy_version,consent_given_at,consent_source\r\n");
        var rows = db.sql("""
                        SELECT r.email, r.status, r.language, r.created_at, r.confirmed_at,
                               COALESCE((SELECT STRING_AGG(n.slug, ' ') FROM subscription s JOIN newsletter n ON n.id = s.newsletter_id
                                         WHERE s.subscriber_id = r.id AND s.status = 'ACTIVE'), '') AS newsletters,
                               c.policy_version, c.given_at, c.source
                        FROM subscriber r
                        LEFT JOIN consent c ON c.id = (SELECT MAX(id) FROM consent WHERE subscriber_id = r.id)
                        ORDER BY r.id
                        """)
                .query((rs, n) -> List.of(
                        rs.getString("email"),
                        rs.getString("status"),
                        rs.getString("language"),
                        String.valueOf(
                                rs.getObject("created_at", OffsetDateTime.class).toInstant()),
                        rs.getObject("confirmed_at", OffsetDateTime.class) == null
                                ? ""
                                : String.valueOf(rs.getObject("confirmed_at", OffsetDateTime.class)
                                        .toInstant()),
                        rs.getString("newsletters"),
                        rs.getObject("policy_version") == null ? "" : String.valueOf(rs.getInt("policy_version")),
                        rs.getObject("given_at", OffsetDateTime.class) == null
                                ? ""
                                : String.valueOf(rs.getObject("given_at", OffsetDateTime.class)
                                        .toInstant()),
                        rs.getString("source") == null ? "" : rs.getString("source")))
                .list();
        for (var row : rows) {
            var cells = new ArrayList<String>();
            for (String cell : row) {
                cells.add(Csv.field(cell));
            }
            out.write(String.join(",", cells));
            out.write("\r\n");
        }
    }
}
