package press.tamizdat.newsletter;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Every hour, one node forgets the addresses that were never confirmed (after seven days by default). */
@Configuration(proxyBeanMethods = false)
class UnconfirmedPurge {

    @Bean
    RecurringTask<Void> purgeUnconfirmedSubscribers(@Lazy Signups signups) {
        return Tasks.recurring("purge-unconfirmed-subscribers", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> signups.purgeUnconfirmed());
    }
}
