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
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.mail.Mail;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.MailSettings;
import press.tamizdat.mail.Mailer;
import press.tamizdat.mail.Notices;
import press.tamizdat.platform.Ids;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * "Remind me later": once the address confirms through a neutral mail (as the newsletter's double
 * opt-in), one email at the time the reader chose, with a link to the form filled in as they left
 * it; the address is sealed while it waits and deleted once the reminder is sent, or sooner
 * through the mailed link. No account of any kind is made. One node at a time sends the due
 * reminders.
 */
@Component
class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    /** The mailed link's purpose: it confirms or deletes one reminder. */
    private static final String LINK = "support-reminder";
    /** How often one address may be asked to confirm. */
    private static final Duration CONFIRMATION_EVERY = Duration.ofHours(1);
    /** How long a request nobody confirmed is kept. */
    private static final Duration UNCONFIRMED_KEPT = Duration.ofDays(7);

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
    private final Notices notices;
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
            Notices notices,
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
        this.notices = notices;
        this.mail = mail;
        this.messages = messages;
        this.urls = urls;
        this.site = site;
        this.settings = settings.reminders();
        this.clock = clock;
    }

    /** A requested reminder: its row, when it would go, and the token its mailed link carries. */
    record Requested(long id, Instant due, String token) {}

    /** A reminder as its mailed link finds it: when it goes, and whether the address confirmed it. */
    record Waiting(long id, Instant due, boolean confirmed) {}

    /**
     * Asks the address whether it wants the reminder, with a neutral mail whose link confirms or
     * deletes it; nothing else is sent before that. An address has at most one request waiting for
     * confirmation, mailed at most once an hour: asking again within the hour changes nothing,
     * so nobody can flood an address. A confirmed reminder the address already has stays until a
     * new one is confirmed, so nobody can delete it by asking for another.
     */
    void request(String email, When when, String language, Frequency frequency, String amount, String currency) {
        Instant now = clock.instant();
        Instant due = now.plus(delay(when));
        String index = emails.index(email);
        var pending = db.sql("""
                        SELECT id, created_at FROM reminder WHERE email_index = :index AND confirmed_at IS NULL
                        """)
                .param("index", index)
                .query((rs, n) ->
                        rs.getObject("created_at", OffsetDateTime.class).toInstant())
                .list();
        if (pending.stream().anyMatch(at -> at.isAfter(now.minus(CONFIRMATION_EVERY)))) {
            return;
        }
        db.sql("DELETE FROM reminder WHERE email_index = :index AND confirmed_at IS NULL")
                .param("index", index)
                .update();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
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
                .update(keys, "id");
        long id = java.util.Objects.requireNonNull(keys.getKey()).longValue();
        String link = urls.absolute(PublicPaths.SUPPORT_REMIND + "/confirm?token=" + token(id, due));
        try {
            notices.send(email, Locale.forLanguageTag(language), "support.remind.confirm", link);
        } catch (MailFailure failure) {
            // the request is dropped: without the mail nobody can confirm it
            log.warn(
                    "A reminder's confirmation could not be sent ({}); the request is dropped",
                    failure.permanent() ? "refused" : "not now");
            db.sql("DELETE FROM reminder WHERE id = :id").param("id", id).update();
        }
    }
    /** The mailed link's token for reminder {@code id}: it confirms or deletes that one, until the day after it is due. */
    private String token(long id, Instant due) {
        return tokens.sign(LINK, Long.toString(id), due.plus(Duration.ofDays(1)));
    }

    /** The reminder a mailed link names, if the link holds and the reminder still waits. */
    Optional<Waiting> find(String token) {
        return tokens.verify(LINK, token, clock.instant())
                .flatMap(Ids::parse)
                .flatMap(id -> db.sql("SELECT id, due_at, confirmed_at FROM reminder WHERE id = :id")
                        .param("id", id)
                        .query((rs, n) -> new Waiting(
                                rs.getLong("id"),
                                rs.getObject("due_at", OffsetDateTime.class).toInstant(),
                                rs.getObject("confirmed_at") != null))
                        .optional());
    }

    /** Confirms the reminder the link names; the address's earlier confirmed reminder, if any, gives way to it. */
    @Transactional
    Optional<Waiting> confirm(String token) {
        var waiting = find(token);
        waiting.ifPresent(reminder -> {
            db.sql("""
                            DELETE FROM reminder WHERE id <> :id
                              AND email_index = (SELECT email_index FROM reminder WHERE id = :id)
                            """).param("id", reminder.id()).update();
            db.sql("UPDATE reminder SET confirmed_at = :now WHERE id = :id AND confirmed_at IS NULL")
                    .param("now", time(clock.instant()))
                    .param("id", reminder.id())
                    .update();
        });
        return waiting;
    }

    /** Deletes the reminder the link names, confirmed or not; false if the link does not hold. */
    boolean forget(String token) {
        return find(token)
                .map(reminder -> db.sql("DELETE FROM reminder WHERE id = :id")
                                .param("id", reminder.id())
                                .update()
                        > 0)
                .orElse(false);
    }

    Duration delay(When when) {
        return switch (when) {
            case TWO_WEEKS -> settings.twoWeeks();
            case ONE_MONTH -> settings.oneMonth();
            case THREE_MONTHS -> settings.threeMonths();
        };
    }

    private record Due(
            long id,
            String emailSealed,
            String language,
            String frequency,
            String amount,
            String currency,
            OffsetDateTime dueAt) {}

    /**
     * Sends every confirmed reminder that is due, a page at a time, each then deleted; deletes the
     * requests nobody confirmed within a week (or before they were due). A crash between sending and
     * deleting sends that one again on the next run; a passing failure leaves it for the next run, a
     * refusal (the address does not exist) deletes it.
     */
    int sendDue() {
        Instant now = clock.instant();
        db.sql("""
                        DELETE FROM reminder WHERE confirmed_at IS NULL AND (created_at < :week OR due_at <= :now)
                        """)
                .param("week", time(now.minus(UNCONFIRMED_KEPT)))
                .param("now", time(now))
                .update();
        int sent = 0;
        OffsetDateTime afterDue = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        long afterId = Long.MIN_VALUE;
        while (true) {
            var page = db.sql("""
                            SELECT id, email_sealed, language, frequency, amount, currency, due_at FROM reminder
                            WHERE due_at <= :now AND confirmed_at IS NOT NULL
                              AND (due_at > :afterDue OR (due_at = :afterDue AND id > :afterId))
                            ORDER BY due_at, id FETCH FIRST 200 ROWS ONLY
                            """)
                    .param("now", time(now))
                    .param("afterDue", afterDue)
                    .param("afterId", afterId)
                    .query(Due.class)
                    .list();
            for (var due : page) {
                try {
                    mailer.send(reminder(due));
                    db.sql("DELETE FROM reminder WHERE id = :id")
                            .param("id", due.id())
                            .update();
                    sent++;
                } catch (MailFailure failure) {
                    if (failure.permanent()) {
                        // the address refuses mail: trying again would only repeat the refusal
                        db.sql("DELETE FROM reminder WHERE id = :id")
                                .param("id", due.id())
                                .update();
                        log.warn("A reminder was refused by the receiving server; it is deleted");
                    } else {
                        log.warn("A reminder could not be sent now; it is tried again on the next run");
                    }
                }
            }
            if (page.size() < 200) {
                return sent;
            }
            afterDue = page.getLast().dueAt();
            afterId = page.getLast().id();
        }
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
