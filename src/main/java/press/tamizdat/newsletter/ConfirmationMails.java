package press.tamizdat.newsletter;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.Mail;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.MailSettings;
import press.tamizdat.mail.Mailer;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * Mails the confirmation link, in the reader's language, after the signup is stored. A failed send
 * leaves the event unfinished in the publication registry, to be tried again.
 */
@Component
class ConfirmationMails {

    private final JdbcClient db;
    private final Signups signups;
    private final Mailer mailer;
    private final MailSettings mail;
    private final MessageSource messages;
    private final SiteUrls urls;
    private final TamizdatSettings settings;

    ConfirmationMails(
            JdbcClient db,
            Signups signups,
            Mailer mailer,
            MailSettings mail,
            MessageSource messages,
            SiteUrls urls,
            TamizdatSettings settings) {
        this.db = db;
        this.signups = signups;
        this.mailer = mailer;
        this.mail = mail;
        this.messages = messages;
        this.urls = urls;
        this.settings = settings;
    }

    private record Recipient(String email, String language) {}

    @ApplicationModuleListener
    void on(ConfirmationRequested event) throws MailFailure {
        var recipient = db.sql(
                        "SELECT email, language FROM subscriber WHERE id = :id AND status IN ('PENDING', 'CONFIRMED')")
                .param("id", event.subscriberId())
                .query(Recipient.class)
                .optional();
        if (recipient.isEmpty()) {
            return; // erased or suppressed since
        }
        List<String> names = db.sql("""
                        SELECT n.name FROM subscription s JOIN newsletter n ON n.id = s.newsletter_id
                        WHERE s.subscriber_id = :id AND s.status = 'PENDING' ORDER BY n.position
                        """)
                .param("id", event.subscriberId())
                .query(String.class)
                .list();
        if (names.isEmpty()) {
            return;
        }
        Locale locale = Locale.forLanguageTag(recipient.get().language());
        String link = urls.absolute(
                PublicPaths.NEWSLETTER_CONFIRM + "?token=" + signups.confirmationToken(event.subscriberId()));
        String newsletters = String.join(", ", names);
        String site = settings.site().name();
        String subject = messages.getMessage("newsletter.mail.confirm.subject", new Object[] {newsletters}, locale);
        String text =
                messages.getMessage("newsletter.mail.confirm.text", new Object[] {site, newsletters, link}, locale);
        mailer.send(
                new Mail(mail.fromAddress(), mail.fromName(), recipient.get().email(), subject, text, null));
    }
}
