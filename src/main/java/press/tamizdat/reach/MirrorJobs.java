package press.tamizdat.reach;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The mirror's persistent jobs: an update shortly after publishing (the changed articles, every
 * listing, feed and sitemap), and a full export every night, which also refreshes the "read more"
 * lists of older articles and clears out what no page links to any more. A first update with no
 * copy yet writes all of it.
 */
@Configuration(proxyBeanMethods = false)
class MirrorJobs {

    static final TaskDescriptor<Void> UPDATE = TaskDescriptor.of("mirror-update");

    @Bean
    OneTimeTask<Void> mirrorUpdateTask(@Lazy StaticMirror mirror) {
        return Tasks.oneTime(UPDATE).execute((instance, context) -> mirror.exportChanges());
    }

    @Bean
    RecurringTask<Void> mirrorNightlyExport(@Lazy StaticMirror mirror, ReachSettings settings) {
        return Tasks.recurring("mirror-full-export", Schedules.daily(LocalTime.of(3, 30)))
                .execute((instance, context) -> {
                    if (settings.mirror().enabled()) {
                        mirror.exportAll();
                    }
                });
    }
}
