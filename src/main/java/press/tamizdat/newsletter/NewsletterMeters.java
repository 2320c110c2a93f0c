package press.tamizdat.newsletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The newsletter's gauges, read from the database at each scrape: the same on every node (take one
 * node's, not their sum). The send rate is the rate of {@code tamizdat.newsletter.sent}, summed over
 * the nodes.
 */
@Component
class NewsletterMeters implements MeterBinder {

    private final JdbcClient db;

    NewsletterMeters(JdbcClient db) {
        this.db = db;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tamizdat.newsletter.backlog", this, NewsletterMeters::backlog)
                .description("Messages of editions being sent that are still to go")
                .register(registry);
    }

    private double backlog() {
        return db.sql("""
                        SELECT COUNT(*) FROM delivery d JOIN edition e ON e.id = d.edition_id
                        WHERE e.status = 'SENDING' AND d.status = 'PENDING'
                        """).query(Long.class).single();
    }
}
