package press.tamizdat.reach;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mirror's gauges: how old this node's copy is, how many changes wait for it, and how the
 * listed mirrors fared at their last check (from the database, the same on every node).
 */
@Component
class MirrorMeters implements MeterBinder {

    private final JdbcClient db;
    private final Clock clock;
    private final ReachSettings.Mirror settings;

    MirrorMeters(JdbcClient db, Clock clock, ReachSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings.mirror();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tamizdat.mirror.age", this, MirrorMeters::ageSeconds)
                .description("How long ago this node's copy of the site was last written (NaN: none yet)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "tamizdat.mirror.changes.waiting",
                        this,
                        meters -> meters.count("SELECT COUNT(*) FROM mirror_change"))
                .description("Changed pages the copy has yet to take")
                .register(registry);
        for (var state : MirrorHealth.State.values()) {
            Gauge.builder("tamizdat.mirrors", this, meters -> meters.inState(state))
                    .description("Listed mirrors by the state of their last check")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    private double ageSeconds() {
        var manifest = settings.folder().resolve(MirrorManifest.NAME);
        try {
            return Files.exists(manifest)
                    ? Duration.between(Files.getLastModifiedTime(manifest).toInstant(), clock.instant())
                                    .toMillis()
                            / 1000.0
                    : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private double count(String sql) {
        return db.sql(sql).query(Long.class).single();
    }

    private double inState(MirrorHealth.State state) {
        return db.sql("SELECT COUNT(*) FROM mirror_health WHERE state = :state")
                .param("state", state.name())
                .query(Long.class)
                .single();
    }
}
