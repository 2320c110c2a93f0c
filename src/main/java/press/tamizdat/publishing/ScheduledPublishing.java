package press.tamizdat.publishing;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The persistent job that publishes a scheduled article at its time: one task instance per article
 * in the database, so it survives restarts and runs on exactly one node.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledPublishing {

    static final TaskDescriptor<Void> TASK = TaskDescriptor.of("publish-article");
    private static final Logger log = LoggerFactory.getLogger(ScheduledPublishing.class);

    @Bean
    OneTimeTask<Void> publishArticleTask(@Lazy ArticleDesk desk) {
        return Tasks.oneTime(TASK).execute((instance, context) -> {
            long id = Long.parseLong(instance.getId());
            if (desk.publishIfDue(id)) {
                log.info("Published scheduled article {}", id);
            }
        });
    }
}
