package press.tamizdat.platform;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Module events whose listener failed (a confirmation mail while the SMTP relay was down, say) stay
 * in the publication registry; every five minutes one node hands those older than five minutes to
 * their listeners again, so nothing waits for a restart.
 */
@Configuration(proxyBeanMethods = false)
class EventRetries {

    static final Duration AFTER = Duration.ofMinutes(5);

    @Bean
    RecurringTask<Void> resubmitIncompleteEvents(@Lazy IncompleteEventPublications incomplete) {
        return Tasks.recurring("resubmit-incomplete-events", FixedDelay.of(AFTER))
                .execute((instance, context) -> incomplete.resubmitIncompletePublicationsOlderThan(AFTER));
    }
}
