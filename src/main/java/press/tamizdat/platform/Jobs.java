package press.tamizdat.platform;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Persistent, cluster-safe jobs with db-scheduler: tasks live in the {@code scheduled_tasks} table,
 * so they survive restarts and each execution is claimed by exactly one node. Every module
 * contributes its tasks as beans. (db-scheduler's own starter does not support Spring Boot 4 yet.)
 */
@Configuration(proxyBeanMethods = false)
class Jobs {

    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    /** Schedules and cancels jobs inside the caller's transaction. */
    @Bean
    SchedulerClient schedulerClient(DataSource dataSource, List<Task<?>> tasks) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .build();
    }

    /** Runs due jobs while the application runs; a stopped scheduler cannot restart, so each start builds one. */
    @Bean
    SmartLifecycle jobRunner(DataSource dataSource, List<Task<?>> tasks, TamizdatSettings settings) {
        Duration pollingInterval = settings.jobs().pollingInterval();
        return new SmartLifecycle() {
            private @Nullable Scheduler scheduler;

            @Override
            public synchronized void start() {
                if (!settings.jobs().enabled()) {
                    return;
                }
                // recurring tasks (purges, say) are scheduled on start; the others when something asks
                var recurring = tasks.stream()
                        .filter(task -> task instanceof RecurringTask<?>)
                        .map(task -> (RecurringTask<?>) task)
                        .toList();
                var onDemand = tasks.stream()
                        .filter(task -> !(task instanceof RecurringTask<?>))
                        .toList();
                scheduler = Scheduler.create(dataSource, onDemand)
                        .startTasks(recurring)
                        .pollingInterval(pollingInterval)
                        // a node that died mid-job (killed, power lost) frees the job within about
                        // three minutes (six missed beats), rather than db-scheduler's default half hour
                        .heartbeatInterval(HEARTBEAT)
                        .threads(2)
                        // a stop waits this long for running jobs, interrupts them and waits as long
                        // again (db-scheduler's default is half an hour each), so it ends within the
                        // process's shutdown deadline (see Launch); a job still running then is taken
                        // up again once its node's beats have stopped
                        .shutdownMaxWait(SHUTDOWN_WAIT)
                        .build();
                scheduler.start();
            }

            @Override
            public synchronized void stop() {
                if (scheduler != null) {
                    scheduler.stop();
                    scheduler = null;
                }
            }

            @Override
            public synchronized boolean isRunning() {
                return scheduler != null;
            }
        };
    }
}
