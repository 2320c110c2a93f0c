package press.tamizdat.support;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Every hour, one node forgets the used "manage my support" links that would have expired anyway. */
@Configuration(proxyBeanMethods = false)
class UsedLinksPurge {

    @Bean
    RecurringTask<Void> forgetUsedManageLinks(@Lazy ManageLinks links) {
        return Tasks.recurring("support-forget-used-links", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> links.forgetExpired());
    }
}
