package press.tamizdat.newsletter;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The persistent job that starts an edition's send at its time: one task instance per edition,
 * claimed by one node; it fixes the recipients, and every node's {@link DeliveryWorkers} then share
 * the sending.
 */
@Configuration(proxyBeanMethods = false)
class EditionSending {

    static final TaskDescriptor<Void> TASK = TaskDescriptor.of("send-edition");

    @Bean
    OneTimeTask<Void> sendEditionTask(@Lazy Deliveries deliveries) {
        return Tasks.oneTime(TASK).execute((instance, context) -> {
            long edition = Long.parseLong(instance.getId());
            deliveries.start(edition);
            deliveries.freshenStatistics();
        });
    }
}
