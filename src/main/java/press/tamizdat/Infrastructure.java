package press.tamizdat;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/** Beans shared by every module. */
@Configuration(proxyBeanMethods = false)
class Infrastructure {

    /** Ticks in microseconds, the precision both databases store, so a saved time reads back unchanged. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
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
