package press.tamizdat.privacy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import press.tamizdat.newsletter.SubscriberData;
import press.tamizdat.newsroom.AuditLog;

/**
 * Personal data kept no longer than it is needed, where nothing else limits it: every hour one node
 * deletes audit entries past their period, replaces the address of old deliveries, forgets used
 * "my data" links, the referring sites of old reading counts, and the sites that sent a finished
 * day only a few readings. (Unconfirmed signups go after 7 days with the newsletter's own hourly job, and a
 * reminder's address as soon as it is sent.)
 */
@Component
class Retention {

    /** What one run removed. */
    record Applied(int auditEntries, int deliveryAddresses, int referringSites, int referringSitesWithFewReadings) {}

    private final AuditLog audit;
    private final SubscriberData subscribers;
    private final PageViews views;
    private final PrivacySettings settings;
    private final Clock clock;

    Retention(AuditLog audit, SubscriberData subscribers, PageViews views, PrivacySettings settings, Clock clock) {
        this.views = views;
        this.audit = audit;
        this.subscribers = subscribers;
        this.settings = settings;
        this.clock = clock;
    }

    Applied apply() {
        Instant now = clock.instant();
        // a day is over for its referring sites an hour after midnight: nodes add their counts
        // every few seconds, later when a write fails, and a late count must not find its site gone
        LocalDate unfinished = LocalDate.ofInstant(now.minus(Duration.ofHours(1)), ZoneOffset.UTC);
        LocalDate referrersKeptFrom =
                LocalDate.ofInstant(now.minus(settings.retention().referringSites()), ZoneOffset.UTC);
        return new Applied(
                audit.forgetBefore(now.minus(settings.retention().auditEntries())),
                subscribers.forgetDeliveryAddressesBefore(
                        now.minus(settings.retention().deliveryAddresses())),
                views.forgetReferrersBefore(referrersKeptFrom),
                views.forgetReferrersWithFewReadings(
                        referrersKeptFrom, unfinished, settings.retention().referringSiteMinimum()));
    }

    @Configuration(proxyBeanMethods = false)
    static class Job {

        @Bean
        RecurringTask<Void> applyRetention(@Lazy Retention retention) {
            return Tasks.recurring("privacy-retention", FixedDelay.of(Duration.ofHours(1)))
                    .execute((instance, context) -> retention.apply());
        }
    }
}
