package press.tamizdat.support;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.Mail;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.MailSettings;
import press.tamizdat.mail.Mailer;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * Makes "manage my support" links for mails (receipts carry one too), and mails a requested one,
 * apart from the request, so its answer takes the same time for anyone.
 */
@Component
class ManageLinkMails {

    private final Supporters supporters;
    private final PersonalLinks links;
    private final PersonalLinks.Kind kind;
    private final SiteUrls urls;
    private final Mailer mailer;
    private final MailSettings mail;
    private final MessageSource messages;
    private final TamizdatSettings settings;

    ManageLinkMails(
            Supporters supporters,
            PersonalLinks links,
            SupportSettings support,
            SiteUrls urls,
            Mailer mailer,
            MailSettings mail,
            MessageSource messages,
            TamizdatSettings settings) {
        this.supporters = supporters;
        this.links = links;
        this.kind = support.manageLinks();
        this.urls = urls;
        this.mailer = mailer;
        this.mail = mail;
        this.messages = messages;
        this.settings = settings;
    }

    /** A new single-use link to a supporter's "Manage my support" page, for a mail. */
    String link(long supporter) {
        return urls.absolute(PublicPaths.SUPPORT_MANAGE + "?token=" + links.link(kind, Long.toString(supporter)));
    }

    @ApplicationModuleListener
    void on(ManageLinkRequested event) throws MailFailure {
        var email = supporters.email(event.supporterId());
        if (email.isEmpty()) {
            return;
        }
        Locale locale = Locale.forLanguageTag(event.language());
        String site = settings.site().name();
        mailer.send(new Mail(
                mail.fromAddress(),
                mail.fromName(),
                email.get(),
                messages.getMessage("support.manage.mail.subject", new Object[] {site}, locale),
                messages.getMessage("support.manage.mail.text", new Object[] {site, link(event.supporterId())}, locale),
                null));
    }
}
