package press.tamizdat.platform;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What may be used only once (a mailed personal link, a checkout's proof of work): its nonce is
 * written to {@code used_nonce} when it is used, in the caller's transaction, and a second use finds
 * it. Every hour one node forgets the nonces whose link or proof would have expired anyway.
 */
@Component
public class SingleUse {

    private final JdbcClient db;
    private final Clock clock;

    SingleUse(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Whether this is the first use of {@code nonce}; it is used now, and remembered until {@code
     * keepUntil}, after which what it guards no longer holds anyway. Never fails on a second use (a
     * failed statement would abort the caller's transaction on PostgreSQL).
     */
    public boolean firstUse(String nonce, Instant keepUntil) {
        return db.sql("INSERT INTO used_nonce (nonce, expires_at) VALUES (:nonce, :expires) ON CONFLICT DO NOTHING")
                        .param("nonce", nonce)
                        .param("expires", SqlTime.utc(keepUntil))
                        .update()
                == 1;
    }

    /**
     * Whether {@code nonce} was not used within the last {@code period}: at most one use per period,
     * whenever the hourly purge runs. It is used now, and remembered for the period.
     */
    public boolean firstUseWithin(String nonce, Duration period) {
        var now = clock.instant();
        db.sql("DELETE FROM used_nonce WHERE nonce = :nonce AND expires_at < :now")
                .param("nonce", nonce)
                .param("now", SqlTime.utc(now))
                .update();
        return firstUse(nonce, now.plus(period));
    }

    /** Forgets the nonces whose link or proof has expired; returns how many. */
    public int forgetExpired() {
        return db.sql("DELETE FROM used_nonce WHERE expires_at < :now")
                .param("now", SqlTime.utc(clock.instant()))
                .update();
    }

    @Configuration(proxyBeanMethods = false)
    static class Purge {

        @Bean
        RecurringTask<Void> forgetUsedNonces(@Lazy SingleUse singleUse) {
            return Tasks.recurring("forget-used-nonces", FixedDelay.of(Duration.ofHours(1)))
                    .execute((instance, context) -> singleUse.forgetExpired());
        }
    }
}
