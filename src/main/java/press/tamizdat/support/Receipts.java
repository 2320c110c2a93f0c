package press.tamizdat.support;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.Mail;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.MailSettings;
import press.tamizdat.mail.Mailer;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The receipt for every contribution, in the reader's language: a thank-you for a one-time gift, a
 * welcome with the first payment of recurring support, a renewal receipt after; each with the link
 * to manage one's support. A failed send leaves the event to be tried again.
 */
@Component
class Receipts {

    private final JdbcClient db;
    private final Supporters supporters;
    private final ManageLinkMails links;
    private final Mailer mailer;
    private final MailSettings mail;
    private final MessageSource messages;
    private final TamizdatSettings settings;
    private final SupportSettings.Discretion discretion;

    Receipts(
            JdbcClient db,
            Supporters supporters,
            ManageLinkMails links,
            Mailer mailer,
            MailSettings mail,
            MessageSource messages,
            TamizdatSettings settings,
            SupportSettings support) {
        this.discretion = support.discretion();
        this.db = db;
        this.supporters = supporters;
        this.links = links;
        this.mailer = mailer;
        this.mail = mail;
        this.messages = messages;
        this.settings = settings;
    }

    private record Paid(
            long amountMinor,
            String currency,
            String frequency,
            String kind,
            String providerReference,
            OffsetDateTime createdAt,
            @Nullable Long supporterId,
            @Nullable String language) {}

    @ApplicationModuleListener
    void on(ContributionReceived event) throws MailFailure {
        var paid = db.sql("""
                        SELECT c.amount_minor, c.currency, c.frequency, c.kind, c.provider_reference, c.created_at,
                               c.supporter_id, k.language
                        FROM contribution c JOIN checkout k ON k.reference = c.checkout_reference
                        WHERE c.id = :id
                        """)
                .param("id", event.contributionId())
                .query(Paid.class)
                .optional();
        if (paid.isEmpty() || paid.get().supporterId() == null) {
            return; // erased since
        }
        var email = supporters.email(paid.get().supporterId());
        if (email.isEmpty()) {
            return;
        }
        var p = paid.get();
        Locale locale = Locale.forLanguageTag(p.language() == null ? "en" : p.language());
        // the name a supporter may need their inbox not to show, in the sender, subject and text alike
        String site = discretion.receiptName(settings.site().name());
        String sender = discretion.receiptName().isBlank() ? mail.fromName() : discretion.receiptName();
        String kind = p.kind().toLowerCase(Locale.ROOT);
        String amount = new Money(p.amountMinor(), Currency.getInstance(p.currency())).format(locale);
        String how = messages.getMessage("support.per." + p.frequency().toLowerCase(Locale.ROOT), null, locale);
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(p.createdAt().atZoneSameInstant(settings.site().zone()));
        String subject = messages.getMessage("support.receipt." + kind + ".subject", new Object[] {site}, locale);
        String text = messages.getMessage(
                "support.receipt." + kind + ".text",
                new Object[] {site, amount, how, date, p.providerReference(), links.link(p.supporterId())},
                locale);
        mailer.send(new Mail(mail.fromAddress(), sender, email.get(), subject, text, null));
    }
}
