package press.tamizdat.reach;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MirrorJobs.class);

    /** How often the mirror looks for settled changes (at most the job poller's own interval). */
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    /**
     * Brings the copy up to date once changes have settled, or writes it whole when there is no copy
     * yet (after the first start). A recurring job rather than one scheduled per change, so that a
     * change noted while an update runs is taken up by the next one, never left for the night.
     */
    @Bean
    RecurringTask<Void> mirrorUpdateTask(
            @Lazy StaticMirror mirror, @Lazy MirrorChanges changes, @Lazy BucketMirror bucket, ReachSettings settings) {
        return Tasks.recurring("mirror-update", FixedDelay.of(LOOK_EVERY)).execute((instance, context) -> {
            if (!settings.mirror().enabled()) {
                return;
            }
            if (!mirror.failedRecently()) {
                if (!mirror.hasCopy()) {
                    mirror.exportAll();
                } else if (changes.due()) {
                    mirror.exportChanges();
                }
            }
            // the bucket follows the folder, and catches up by itself after a failure
            if (bucket.configured() && mirror.hasCopy() && !bucket.failedRecently() && bucket.behind()) {
                bucket.sync(false);
            }
        });
    }

    /** Answers the autoresponder's mailbox, when there is one; a mailbox that cannot be read is tried next round. */
    @Bean
    RecurringTask<Void> autoresponderTask(@Lazy Autoresponder autoresponder, ReachSettings settings) {
        return Tasks.recurring(
                        "autoresponder", FixedDelay.of(settings.autoresponder().pollInterval()))
                .execute((instance, context) -> {
                    try {
                        autoresponder.answer();
                    } catch (jakarta.mail.MessagingException e) {
                        log.warn(
                                "The autoresponder's mailbox could not be read: {}",
                                e.getClass().getSimpleName());
                    }
                });
    }

    /** Reads every listed mirror's manifest, so readers are only told of mirrors that work. */
    @Bean
    RecurringTask<Void> mirrorHealthTask(@Lazy MirrorHealth health, ReachSettings settings) {
        return Tasks.recurring("mirror-health", FixedDelay.of(settings.health().every()))
                .execute((instance, context) -> health.checkAll());
    }

    @Bean
    RecurringTask<Void> mirrorNightlyExport(
            @Lazy StaticMirror mirror, @Lazy BucketMirror bucket, ReachSettings settings) {
        return Tasks.recurring("mirror-full-export", Schedules.daily(LocalTime.of(3, 30)))
                .execute((instance, context) -> {
                    if (settings.mirror().enabled()) {
                        mirror.exportAll();
                        if (bucket.configured()) {
                            // every object's checksum compared too, repairing what changed in the bucket
                            bucket.sync(true);
                        }
                    }
                });
    }
}
