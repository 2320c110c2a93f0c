package press.tamizdat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
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

    @Bean(destroyMethod = "")
    Scheduler scheduler(
            DataSource dataSource,
            List<Task<?>> tasks,
            @Value("${tamizdat.jobs.polling-interval}") Duration pollingInterval) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .pollingInterval(pollingInterval)
                .threads(2)
                .registerShutdownHook()
                .enableImmediateExecution()
                .build();
    }

    /** Starts the scheduler once the context (and with it the migrations) is ready. */
    @Bean
    SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    @Bean
    SchedulerClient schedulerClient(Scheduler scheduler) {
        return scheduler;
    }
}
