package press.tamizdat.support;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.Mail;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.MailSettings;
import press.tamizdat.mail.Mailer;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * "Remind me later": one email at the time the reader chose, with a link to the form filled in as
 * they left it; the address is sealed while it waits and deleted once the reminder is sent, or
 * sooner on request. No account of any kind is made. One node at a time sends the due reminders.
 */
@Component
class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    private static final String FORGET = "support-reminder-forget";

    /** When a reader can ask to be reminded; the delays are configured. */
    enum When {
        TWO_WEEKS,
        ONE_MONTH,
        THREE_MONTHS;

        String field() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Optional<When> parse(String value) {
            return Arrays.stream(values()).filter(w -> w.field().equals(value)).findFirst();
        }
    }

    private final JdbcClient db;
    private final SealedEmails emails;
    private final SignedTokens tokens;
    private final Mailer mailer;
    private final MailSettings mail;
    private final MessageSource messages;
    private final SiteUrls urls;
    private final TamizdatSettings site;
    private final SupportSettings.Reminders settings;
    private final Clock clock;

    Reminders(
            JdbcClient db,
            SealedEmails emails,
            SignedTokens tokens,
            Mailer mailer,
            MailSettings mail,
            MessageSource messages,
            SiteUrls urls,
            TamizdatSettings site,
            SupportSettings settings,
            Clock clock) {
        this.db = db;
        this.emails = emails;
        this.tokens = tokens;
        this.mailer = mailer;
        this.mail = mail;
        this.messages = messages;
        this.urls = urls;
        this.site = site;
        this.settings = settings.reminders();
        this.clock = clock;
    }

    /** A scheduled reminder: when it goes, and the one-click token that deletes it before then. */
    record Scheduled(Instant due, String forgetToken) {}

    /**
     * Schedules the one reminder for an address; asking again replaces it, so an address never has
     * more than one waiting.
     */
    Scheduled schedule(String email, When when, String language, Frequency frequency, String amount, String currency) {
        Instant now = clock.instant();
        Instant due = now.plus(delay(when));
        String index = emails.index(email);
        db.sql("DELETE FROM reminder WHERE email_index = :index")
                .param("index", index)
                .update();
        db.sql("""
                        INSERT INTO reminder (email_sealed, email_index, due_at, language, frequency, amount, currency,
                                              created_at)
                        VALUES (:sealed, :index, :due, :language, :frequency, :amount, :currency, :now)
                        """)
                .param("sealed", emails.seal(email))
                .param("index", index)
                .param("due", time(due))
                .param("language", language)
                .param("frequency", frequency.name())
                .param("amount", amount)
                .param("currency", currency)
                .param("now", time(now))
                .update();
        return new Scheduled(due, tokens.sign(FORGET, index, due.plus(Duration.ofDays(1))));
    }

    /** Deletes the reminder an address has waiting, if any. */
    void forget(String email) {
        forgetIndex(emails.index(email));
    }

    /** Deletes the reminder a one-click token was made for; false if the token does not hold. */
    boolean forgetByToken(String token) {
        return tokens.verify(FORGET, token, clock.instant())
                .map(index -> {
                    forgetIndex(index);
                    return true;
                })
                .orElse(false);
    }

    private void forgetIndex(String index) {
        db.sql("DELETE FROM reminder WHERE email_index = :index")
                .param("index", index)
                .update();
    }

    Duration delay(When when) {
        return switch (when) {
            case TWO_WEEKS -> settings.twoWeeks();
            case ONE_MONTH -> settings.oneMonth();
            case THREE_MONTHS -> settings.threeMonths();
        };
    }

    private record Due(
            long id, String emailSealed, String language, String frequency, String amount, String currency) {}

    /**
     * Sends what is due, each reminder then deleted. A crash between the two sends that one again
     * on the next run; a failed send leaves it for the next run.
     */
    int sendDue() {
        int sent = 0;
        for (var due :
                db.sql("""
                        SELECT id, email_sealed, language, frequency, amount, currency FROM reminder
                        WHERE due_at <= :now ORDER BY due_at, id FETCH FIRST 200 ROWS ONLY
                        """).param("now", time(clock.instant())).query(Due.class).list()) {
            try {
                mailer.send(reminder(due));
            } catch (MailFailure e) {
                log.warn("A reminder could not be sent now; it is tried again on the next run", e);
                continue;
            }
            db.sql("DELETE FROM reminder WHERE id = :id").param("id", due.id()).update();
            sent++;
        }
        return sent;
    }

    private Mail reminder(Due due) {
        Locale locale = Locale.forLanguageTag(due.language());
        String form = PublicPaths.SUPPORT + "?"
                + Checkouts.formQuery(Frequency.valueOf(due.frequency()).field(), due.amount(), due.currency())
                + "&source=reminder";
        String name = site.site().name();
        return new Mail(
                mail.fromAddress(),
                mail.fromName(),
                emails.open(due.emailSealed()),
                messages.getMessage("support.remind.mail.subject", new Object[] {name}, locale),
                messages.getMessage("support.remind.mail.text", new Object[] {name, urls.absolute(form)}, locale),
                null);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Configuration(proxyBeanMethods = false)
    static class Job {

        @Bean
        RecurringTask<Void> sendSupportReminders(@Lazy Reminders reminders, SupportSettings settings) {
            return Tasks.recurring(
                            "send-support-reminders",
                            FixedDelay.of(settings.reminders().pollInterval()))
                    .execute((instance, context) -> reminders.sendDue());
        }
    }
}
