package press.tamizdat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Csv;

/**
 * Revenue for the newsroom, from the records alone: money in per day, week or month, one-time and
 * recurring apart, in one currency at a time (sums across currencies would mean nothing); monthly
 * recurring revenue; recurring supporters, new and cancelled; where contributions started. Nothing
 * here knows who anyone is. Refunded payments are left out.
 */
@Component
class Revenue {

    /** How the time is cut, and how many of the latest periods are shown. */
    enum Period {
        DAY(30),
        WEEK(26),
        MONTH(12);

        final int count;

        Period(int count) {
            this.count = count;
        }

        LocalDate start(LocalDate date) {
            return switch (this) {
                case DAY -> date;
                case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> date.withDayOfMonth(1);
            };
        }

        LocalDate before(LocalDate start, int periods) {
            return switch (this) {
                case DAY -> start.minusDays(periods);
                case WEEK -> start.minusWeeks(periods);
                case MONTH -> start.minusMonths(periods);
            };
        }
    }

    /** One period: money in (minor units), payments, and recurring support started and cancelled. */
    record Row(LocalDate start, long once, long recurring, int payments, int started, int cancelled) {

        long total() {
            return once + recurring;
        }
    }

    record Report(
            Currency currency,
            Period period,
            List<Row> rows,
            long monthlyRecurring,
            int activeRecurring,
            int cancelledLast30Days,
            Map<String, Integer> sources,
            Map<String, long[]> providers,
            List<Note> notes) {

        /** Cancelled in the last 30 days, of those active at its start (active now plus those cancelled). */
        double churn() {
            int base = activeRecurring + cancelledLast30Days;
            return base == 0 ? 0 : (double) cancelledLast30Days / base;
        }
    }

    /** A provider's report nobody's contribution records: a crypto invoice paid in part, late, over or invalid. */
    record Note(
            String provider,
            String reference,
            String kind,
            @Nullable String checkout,
            Instant at) {}

    private final JdbcClient db;

    Revenue(JdbcClient db) {
        this.db = db;
    }

    List<Currency> currencies() {
        return db.sql("""
                        SELECT currency FROM contribution UNION SELECT currency FROM recurring_support
                        UNION SELECT code FROM campaign_currency
                        """).query(String.class).list().stream()
                .sorted()
                .map(Currency::getInstance)
                .toList();
    }

    Report report(Period period, Currency currency, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = period.before(period.start(today), period.count - 1);
        var since = first.atStartOfDay(zone).toOffsetDateTime();
        var rows = new TreeMap<LocalDate, long[]>();
        for (int i = 0; i < period.count; i++) {
            rows.put(period.before(period.start(today), i), new long[5]);
        }
        db.sql("""
                        SELECT created_at, amount_minor, kind FROM contribution
                        WHERE currency = :currency AND status = 'PAID' AND created_at >= :since
                        """)
                .param("currency", currency.getCurrencyCode())
                .param("since", since)
                .query(rs -> {
                    long[] row = rows.get(period.start(LocalDate.ofInstant(
                            rs.getObject(1, OffsetDateTime.class).toInstant(), zone)));
                    if (row != null) {
                        boolean once = "ONCE".equals(rs.getString(3)) || rs.getString(3) == null;
                        row[once ? 0 : 1] += rs.getLong(2);
                        row[2]++;
                    }
                });
        db.sql("""
                        SELECT created_at, cancelled_at FROM recurring_support
                        WHERE currency = :currency AND (created_at >= :since OR cancelled_at >= :since)
                        """)
                .param("currency", currency.getCurrencyCode())
                .param("since", since)
                .query(rs -> {
                    count(rows, period, zone, rs.getObject(1, OffsetDateTime.class), 3);
                    count(rows, period, zone, rs.getObject(2, OffsetDateTime.class), 4);
                });
        long monthly = db.sql("""
                        SELECT COALESCE(SUM(CASE WHEN frequency = 'ANNUAL' THEN amount_minor / 12 ELSE amount_minor END), 0)
                        FROM recurring_support WHERE currency = :currency AND status <> 'CANCELLED'
                        """)
                .param("currency", currency.getCurrencyCode())
                .query(Long.class)
                .single();
        int active = db.sql(
                        "SELECT COUNT(*) FROM recurring_support WHERE currency = :currency AND status <> 'CANCELLED'")
                .param("currency", currency.getCurrencyCode())
                .query(Integer.class)
                .single();
        int cancelled = db.sql("""
                        SELECT COUNT(*) FROM recurring_support WHERE currency = :currency AND cancelled_at >= :since
                        """)
                .param("currency", currency.getCurrencyCode())
                .param("since", OffsetDateTime.ofInstant(now.minus(java.time.Duration.ofDays(30)), ZoneOffset.UTC))
                .query(Integer.class)
                .single();
        var sources = new LinkedHashMap<String, Integer>();
        Checkouts.SOURCES.stream().sorted().forEach(source -> sources.put(source, 0));
        db.sql("""
                        SELECT source, COUNT(*) FROM contribution
                        WHERE (kind IS NULL OR kind IN ('ONCE', 'FIRST')) AND currency = :currency
                          AND created_at >= :since
                        GROUP BY source
                        """)
                .param("currency", currency.getCurrencyCode())
                .param("since", since)
                .query(rs -> {
                    sources.put(rs.getString(1), rs.getInt(2));
                });
        // money in and payments per provider over the same periods: which rails carry the outlet
        var providers = new TreeMap<String, long[]>();
        db.sql("""
                        SELECT provider, SUM(amount_minor), COUNT(*) FROM contribution
                        WHERE currency = :currency AND status = 'PAID' AND created_at >= :since
                        GROUP BY provider
                        """)
                .param("currency", currency.getCurrencyCode())
                .param("since", since)
                .query(rs -> {
                    providers.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        var notes = db.sql("""
                        SELECT provider, reference, kind, checkout_reference, noted_at FROM payment_note
                        ORDER BY noted_at DESC, reference FETCH FIRST 50 ROWS ONLY
                        """)
                .query((rs, n) -> new Note(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
        var list = new ArrayList<Row>();
        rows.forEach((start, v) -> list.add(new Row(start, v[0], v[1], (int) v[2], (int) v[3], (int) v[4])));
        return new Report(currency, period, List.copyOf(list), monthly, active, cancelled, sources, providers, notes);
    }

    private static void count(
            Map<LocalDate, long[]> rows, Period period, ZoneId zone, @Nullable OffsetDateTime at, int column) {
        if (at == null) {
            return;
        }
        long[] row = rows.get(period.start(LocalDate.ofInstant(at.toInstant(), zone)));
        if (row != null) {
            row[column]++;
        }
    }

    /** Every contribution, oldest first, for the accounts: no one's name or address. */
    void csv(Appendable out) throws IOException {
        out.append("date,amount,currency,frequency,kind,status,provider,source,reference\r\n");
        try {
            db.sql("""
                            SELECT created_at, amount_minor, currency, frequency, kind, status, provider, source,
                                   provider_reference
                            FROM contribution ORDER BY created_at, id
                            """).query(rs -> {
                String line = String.join(
                        ",",
                        rs.getObject("created_at", OffsetDateTime.class)
                                .withOffsetSameInstant(ZoneOffset.UTC)
                                .toString(),
                        new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))).plain(),
                        rs.getString("currency"),
                        rs.getString("frequency"),
                        Csv.field(rs.getString("kind")),
                        rs.getString("status"),
                        Csv.field(rs.getString("provider")),
                        Csv.field(rs.getString("source")),
                        Csv.field(rs.getString("provider_reference")));
                try {
                    out.append(line).append("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
