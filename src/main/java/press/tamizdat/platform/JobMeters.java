package press.tamizdat.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far behind the jobs are (scheduled publishing, the Friday edition, reminders, mirror updates):
 * the wait of the job that has been due longest without a node taking it up. Read from the
 * database at each scrape, so the same on every node.
 */
@Component
class JobMeters implements MeterBinder {

    private final JdbcClient db;
    private final Clock clock;

    JobMeters(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tamizdat.jobs.lag", this, JobMeters::lagSeconds)
                .description("How long the job due longest has waited for a node to take it up")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("tamizdat.jobs.due", this, JobMeters::due)
                .description("Jobs due and not yet taken up")
                .register(registry);
    }

    private double lagSeconds() {
        var now = clock.instant();
        return db.sql("SELECT MIN(execution_time) FROM scheduled_tasks WHERE picked = FALSE AND execution_time <= :now")
                .param("now", SqlTime.utc(now))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .optional()
                .map(oldest -> Duration.between(oldest.toInstant(), now).toMillis() / 1000.0)
                .orElse(0.0);
    }

    private double due() {
        return db.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = FALSE AND execution_time <= :now")
                .param("now", SqlTime.utc(clock.instant()))
                .query(Long.class)
                .single();
    }
}
