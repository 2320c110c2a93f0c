package press.tamizdat.channels;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The channels' two jobs: Telegram posts and webhook deliveries. Each is a recurring db-scheduler
 * task, so it runs on one node at a time however many share the database.
 */
@Configuration(proxyBeanMethods = false)
class ChannelJobs {

    @Bean
    RecurringTask<Void> telegramPostsTask(@Lazy TelegramPosts posts, ChannelsSettings settings) {
        return Tasks.recurring("telegram-posts", FixedDelay.of(settings.every()))
                .execute((instance, context) -> posts.work());
    }

    @Bean
    RecurringTask<Void> webhookDeliveriesTask(@Lazy WebhookDeliveries deliveries, ChannelsSettings settings) {
        return Tasks.recurring("webhook-deliveries", FixedDelay.of(settings.every()))
                .execute((instance, context) -> deliveries.work());
    }
}
