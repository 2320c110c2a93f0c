package press.tamizdat.newsroom;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.NetworkAllowance;
import press.tamizdat.platform.SqlTime;

/**
 * Slows down password and code guessing without telling anyone whether an account exists. Failed
 * attempts are counted per account and client together, per account from anywhere, and per client
 * by how many different accounts failed from it; past an allowance, each further attempt must wait,
 * twice as long after each failure, up to a limit. Counts are kept by the address as typed, so an
 * unknown address is slowed exactly like a real one.
 *
 * <p>Staff behind Tor share exit addresses with each other and with attackers. So guessing at one
 * account slows that account only: the client's own count is of distinct accounts, which an attack
 * on one account never raises. Counts are kept in the database, so every node counts the same
 * failures (an attacker gains nothing from a load balancer), by keyed marks (never the address or
 * the client), and forgotten after a quiet hour.
 */
@Component
class SignInThrottle {

    private record Failures(int count, Instant last) {}

    private final SecuritySettings.Throttle settings;
    private final NewsroomKeys keys;
    private final Clock clock;
    private final JdbcClient db;

    private final Counter failures;

    SignInThrottle(SecuritySettings settings, NewsroomKeys keys, Clock clock, JdbcClient db, MeterRegistry meters) {
        this.failures = Counter.builder("tamizdat.newsroom.sign-in.failures")
                .description("Wrong passwords and second factors, on this node")
                .register(meters);
        this.settings = settings.throttle();
        this.keys = keys;
        this.clock = clock;
        this.db = db;
    }

    /** How long an attempt at {@code email} from {@code address} must still wait; zero when it may go ahead. */
    Duration waitFor(String email, String address) {
        String account = account(email);
        String client = client(address);
        Instant now = clock.instant();
        Duration longest = max(
                wait(failures("pair:" + account + ":" + client, now), settings.perAccountAndClient(), now),
                wait(failures("account:" + account, now), settings.perAccount(), now));
        var accounts = db.sql("""
                        SELECT account FROM sign_in_client_account WHERE client = :client AND last_at > :stale
                        """)
                .param("client", client)
                .param("stale", SqlTime.utc(stale(now)))
                .query(String.class)
                .set();
        if (accounts.size() >= settings.perClient() && !accounts.contains(account)) {
            // counted only past the allowance of distinct accounts: each such failure doubles the wait
            longest = max(longest, wait(failures("client:" + client, now), 1, now));
        }
        return longest;
    }

    /** A wrong password or second factor for {@code email} from {@code address}. */
    void failed(String email, String address) {
        failures.increment();
        String account = account(email);
        String client = client(address);
        Instant now = clock.instant();
        count("pair:" + account + ":" + client, now);
        count("account:" + account, now);
        // the client's count grows only with accounts not tried from it before: guessing at one
        // account, however often, never slows the colleagues who share its address
        int known = db.sql("SELECT count(*) FROM sign_in_client_account WHERE client = :client AND last_at > :stale")
                .param("client", client)
                .param("stale", SqlTime.utc(stale(now)))
                .query(Integer.class)
                .single();
        boolean another = known < settings.perClient() * 4 && noteAccount(client, account, now);
        if (another && known + 1 >= settings.perClient()) {
            count("client:" + client, now);
        }
    }

    /** A full sign-in: this client's count for this account starts again. */
    void succeeded(String email, String address) {
        db.sql("DELETE FROM sign_in_failure WHERE mark = :mark")
                .param("mark", "pair:" + account(email) + ":" + client(address))
                .update();
    }

    /** Forgets the counts of a quiet hour. */
    void forgetQuiet() {
        var stale = SqlTime.utc(stale(clock.instant()));
        db.sql("DELETE FROM sign_in_failure WHERE last_at <= :stale")
                .param("stale", stale)
                .update();
        db.sql("DELETE FROM sign_in_client_account WHERE last_at <= :stale")
                .param("stale", stale)
                .update();
    }

    private @Nullable Failures failures(String mark, Instant now) {
        return db.sql("SELECT failures, last_at FROM sign_in_failure WHERE mark = :mark AND last_at > :stale")
                .param("mark", mark)
                .param("stale", SqlTime.utc(stale(now)))
                .query((rs, n) -> new Failures(
                        rs.getInt("failures"),
                        rs.getObject("last_at", OffsetDateTime.class).toInstant()))
                .optional()
                .orElse(null);
    }

    /** One more failure under {@code mark}; a count quiet for the forgetting time starts again. */
    private void count(String mark, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = db.sql("""
                            UPDATE sign_in_failure
                            SET failures = CASE WHEN last_at > :stale THEN failures + 1 ELSE 1 END, last_at = :now
                            WHERE mark = :mark
                            """)
                    .param("stale", SqlTime.utc(stale(now)))
                    .param("now", SqlTime.utc(now))
                    .param("mark", mark)
                    .update();
            if (updated == 1
                    || db.sql("""
                                            INSERT INTO sign_in_failure (mark, failures, last_at)
                                            VALUES (:mark, 1, :now) ON CONFLICT DO NOTHING
                                            """)
                                    .param("mark", mark)
                                    .param("now", SqlTime.utc(now))
                                    .update()
                            == 1) {
                return;
            }
            // another node inserted it in between: count on its row
        }
    }

    /** Notes that {@code account} failed from {@code client}; true if it had not lately. */
    private boolean noteAccount(String client, String account, Instant now) {
        int renewed = db.sql("""
                        UPDATE sign_in_client_account SET last_at = :now
                        WHERE client = :client AND account = :account AND last_at <= :stale
                        """)
                .param("now", SqlTime.utc(now))
                .param("client", client)
                .param("account", account)
                .param("stale", SqlTime.utc(stale(now)))
                .update();
        return renewed == 1
                || db.sql("""
                                        INSERT INTO sign_in_client_account (client, account, last_at)
                                        VALUES (:client, :account, :now) ON CONFLICT DO NOTHING
                                        """)
                                .param("client", client)
                                .param("account", account)
                                .param("now", SqlTime.utc(now))
                                .update()
                        == 1;
    }

    private Instant stale(Instant now) {
        return now.minus(settings.forgetAfter());
    }

    private Duration wait(@Nullable Failures seen, int allowance, Instant now) {
        if (seen == null || seen.count() < allowance) {
            return Duration.ZERO;
        }
        int doublings = Math.min(seen.count() - allowance, 30);
        Duration delay = settings.firstDelay().multipliedBy(1L << doublings);
        if (delay.compareTo(settings.longestDelay()) > 0) {
            delay = settings.longestDelay();
        }
        Duration left = Duration.between(now, seen.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private String account(String email) {
        return keys.mark("throttle-account", StaffAccounts.normalize(email));
    }

    private String client(String address) {
        return keys.mark("throttle-client", NetworkAllowance.network(address));
    }

    /** Every ten minutes, one node forgets the counts of a quiet hour. */
    @Configuration(proxyBeanMethods = false)
    static class Forgetting {

        @Bean
        RecurringTask<Void> forgetQuietSignInFailures(SignInThrottle throttle) {
            return Tasks.recurring("forget-quiet-sign-in-failures", FixedDelay.ofMinutes(10))
                    .execute((instance, context) -> throttle.forgetQuiet());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
