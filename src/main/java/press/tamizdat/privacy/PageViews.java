package press.tamizdat.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readings of articles, counted per article and day (UTC) with the referring site's host, and
 * nothing else: no address, no browser, no cookie, no identifier of any kind, so a count cannot be
 * tied to a reader even by whoever holds the database. Each node counts in memory and adds its
 * counts to the database every few seconds; "Most read" and the newsroom's view come from there.
 */
@Component
public class PageViews {

    /** Distinct referring hosts a node keeps between writes; past it, readings count without one. */
    static final int MAX_HOSTS = 10_000;

    private static final String NO_HOST = "";

    private record Key(LocalDate day, long article, String host) {}

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final PrivacySettings settings;
    private final Clock clock;

    PageViews(JdbcClient db, TransactionTemplate transactions, PrivacySettings settings, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** The articles read most over the last days ({@code tamizdat.privacy.most-read-days}), most read first. */
    public List<Long> mostRead(int limit) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return db.sql("""
                        SELECT article_id FROM article_views WHERE read_on > :since
                        GROUP BY article_id ORDER BY SUM(views) DESC, article_id DESC LIMIT :limit
                        """)
                .param("since", today.minusDays(settings.mostReadDays()))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Readings of one article on one day. */
    record Day(LocalDate day, long article, long views) {}

    /** Readings from one referring site. */
    record Referrer(String host, long article, long views) {}

    /** Every article's readings per day, from {@code first} to {@code last} inclusive. */
    List<Day> days(LocalDate first, LocalDate last) {
        return db.sql("""
                        SELECT read_on, article_id, views FROM article_views
                        WHERE read_on BETWEEN :first AND :last ORDER BY read_on, article_id
                        """)
                .param("first", first)
                .param("last", last)
                .query((rs, n) -> new Day(
                        rs.getObject("read_on", LocalDate.class), rs.getLong("article_id"), rs.getLong("views")))
                .list();
    }

    /**
     * Readings per referring site and article, from {@code first} to {@code last} inclusive: only
     * the days on which a site sent at least the minimum of readings (which is also what is kept of
     * a day once it is over), so one spoofed {@code Referer} does not list a host in the newsroom.
     */
    List<Referrer> referrers(LocalDate first, LocalDate last) {
        return db.sql("""
                        SELECT r.host, r.article_id, SUM(r.views) AS views FROM referrer_views r
                        JOIN (SELECT read_on, host FROM referrer_views WHERE read_on BETWEEN :first AND :last
                              GROUP BY read_on, host HAVING SUM(views) >= :minimum) enough
                          ON enough.read_on = r.read_on AND enough.host = r.host
                        WHERE r.read_on BETWEEN :first AND :last GROUP BY r.host, r.article_id
                        """)
                .param("first", first)
                .param("last", last)
                .param("minimum", settings.retention().referringSiteMinimum())
                .query((rs, n) -> new Referrer(rs.getString("host"), rs.getLong("article_id"), rs.getLong("views")))
                .list();
    }

    /** One reading of an article today, from {@code host} (null: our own pages, or unknown). */
    void count(long article, @Nullable String host) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String from = host == null || (counts.size() >= MAX_HOSTS && !counts.containsKey(new Key(today, article, host)))
                ? NO_HOST
                : host;
        counts.computeIfAbsent(new Key(today, article, from), key -> new LongAdder())
                .increment();
    }

    /**
     * Adds what this node counted to the database. Each count is taken and reset in one step, so a
     * reading during the write is kept for the next; past days' keys are then dropped. Rows are
     * written in one order on every node, so two nodes writing at once wait rather than deadlock,
     * and counts whose write failed go back to be written next time. One write at a time per node.
     */
    synchronized void write() {
        var taken = new java.util.TreeMap<Key, Long>(WRITING_ORDER);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        for (var entry : counts.entrySet()) {
            long n = entry.getValue().sumThenReset();
            if (n > 0) {
                taken.merge(entry.getKey(), n, Long::sum);
            }
            if (entry.getKey().day().isBefore(today)) {
                counts.remove(entry.getKey());
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> taken.forEach(this::add));
        } catch (RuntimeException failed) {
            taken.forEach((key, n) ->
                    counts.computeIfAbsent(key, k -> new LongAdder()).add(n));
            throw failed;
        }
    }

    /** Days, then articles, then hosts: the order rows are locked in. */
    private static final java.util.Comparator<Key> WRITING_ORDER = java.util.Comparator.comparing(Key::day)
            .thenComparingLong(Key::article)
            .thenComparing(Key::host);

    /** Deletes the referring hosts of days before {@code first}; the counts themselves stay. */
    int forgetReferrersBefore(LocalDate first) {
        return db.sql("DELETE FROM referrer_views WHERE read_on < :first")
                .param("first", first)
                .update();
    }

    /**
     * Forgets, for each day from {@code first} until before {@code unfinished}, the referring sites that
     * sent fewer than {@code minimum} readings that day: a site few readers come from can point at
     * who they are. Their readings stay in the day's counts, as readings from an unknown place.
     */
    int forgetReferrersWithFewReadings(LocalDate first, LocalDate unfinished, int minimum) {
        return db.sql("""
                        DELETE FROM referrer_views
                        WHERE read_on >= :first AND read_on < :unfinished AND (read_on, host) IN (
                            SELECT read_on, host FROM referrer_views
                            WHERE read_on >= :first AND read_on < :unfinished
                            GROUP BY read_on, host HAVING SUM(views) < :minimum)
                        """)
                .param("first", first)
                .param("unfinished", unfinished)
                .param("minimum", minimum)
                .update();
    }

    /** Two statements that never fail on a duplicate, so two nodes writing at once both count. */
    private void add(Key key, Long n) {
        db.sql("""
                        INSERT INTO article_views (read_on, article_id, views) VALUES (:day, :article, 0)
                        ON CONFLICT DO NOTHING
                        """).param("day", key.day()).param("article", key.article()).update();
        db.sql("UPDATE article_views SET views = views + :n WHERE read_on = :day AND article_id = :article")
                .param("n", n)
                .param("day", key.day())
                .param("article", key.article())
                .update();
        if (key.host().equals(NO_HOST)) {
            return;
        }
        db.sql("""
                        INSERT INTO referrer_views (read_on, article_id, host, views) VALUES (:day, :article, :host, 0)
                        ON CONFLICT DO NOTHING
                        """)
                .param("day", key.day())
                .param("article", key.article())
                .param("host", key.host())
                .update();
        db.sql("""
                        UPDATE referrer_views SET views = views + :n
                        WHERE read_on = :day AND article_id = :article AND host = :host
                        """)
                .param("n", n)
                .param("day", key.day())
                .param("article", key.article())
                .param("host", key.host())
                .update();
    }
}
