package press.tamizdat.channels;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.SqlTime;

/**
 * The channels' gauges, read from the database at each scrape (the same on every node): webhook
 * deliveries retrying and given up, Telegram posts waiting and failing.
 */
@Component
class ChannelMeters implements MeterBinder {

    private final JdbcClient db;
    private final Clock clock;

    ChannelMeters(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tamizdat.channels.webhooks.retrying", this, meters -> meters.count("""
                        SELECT COUNT(*) FROM webhook_delivery WHERE status = 'PENDING' AND attempts > 0"""))
                .description("Webhook deliveries that failed and wait for another attempt")
                .register(registry);
        Gauge.builder("tamizdat.channels.webhooks.failed", this, ChannelMeters::failedToday)
                .description("Webhook deliveries given up in the last 24 hours")
                .register(registry);
        Gauge.builder(
                        "tamizdat.channels.telegram.waiting",
                        this,
                        meters -> meters.count("SELECT COUNT(*) FROM telegram_post WHERE due = TRUE"))
                .description("Telegram posts, edits and removals still to make")
                .register(registry);
        Gauge.builder(
                        "tamizdat.channels.telegram.failing",
                        this,
                        meters -> meters.count("SELECT COUNT(*) FROM telegram_post WHERE due = TRUE AND attempts > 0"))
                .description("Telegram posts that failed and wait for another attempt")
                .register(registry);
    }

    private double count(String sql) {
        return db.sql(sql).query(Long.class).single();
    }

    private double failedToday() {
        return db.sql("SELECT COUNT(*) FROM webhook_delivery WHERE status = :failed AND last_attempt_at > :since")
                .param("failed", DeliveryStatus.FAILED.name())
                .param("since", SqlTime.utc(clock.instant().minus(Duration.ofDays(1))))
                .query(Long.class)
                .single();
    }
}
