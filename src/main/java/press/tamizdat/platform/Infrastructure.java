package press.tamizdat.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Beans shared by every module. */
@Configuration(proxyBeanMethods = false)
class Infrastructure {

    /** Ticks in microseconds, the precision both databases store, so a saved time reads back unchanged. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /**
     * Runs module event listeners after their transaction commits: four at once (each holds a
     * database connection), the rest queued. The committing thread hands the event over and goes
     * on: were it to wait for a free listener while still holding its own connection, a burst of
     * commits (payments arriving together) would hold every connection and leave the listeners
     * none. A full queue refuses the hand-over; the publication stays in the registry, and
     * {@link EventRetries} hands it over again.
     */
    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(Environment environment) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(4);
        executor.setMaxPoolSize(4);
        executor.setQueueCapacity(10_000);
        // virtual unless Launch chose platform threads (the unextracted jar)
        executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
        executor.setThreadNamePrefix("listener-");
        return executor;
    }

    /**
     * Spring Data JDBC writes identifiers unquoted, like every other query of ours, so one schema
     * works on H2 (which folds names to upper case) and PostgreSQL (which folds them to lower case).
     */
    @Bean
    static BeanPostProcessor unquotedIdentifiers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof RelationalMappingContext context) {
                    context.setForceQuote(false);
                }
                return bean;
            }
        };
    }
}
