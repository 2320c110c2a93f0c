package press.tamizdat.support;

import java.util.Locale;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.Notices;
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
    private final Notices notices;
    private final SupportSettings.Discretion discretion;
    private final TamizdatSettings site;

    ManageLinkMails(
            Supporters supporters,
            PersonalLinks links,
            SupportSettings support,
            SiteUrls urls,
            Notices notices,
            TamizdatSettings site) {
        this.discretion = support.discretion();
        this.site = site;
        this.supporters = supporters;
        this.links = links;
        this.kind = support.manageLinks();
        this.urls = urls;
        this.notices = notices;
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
        notices.sendAs(
                discretion.receiptName(site.site().name()),
                discretion.receiptName().isBlank() ? notices.fromName() : discretion.receiptName(),
                email.get(),
                Locale.forLanguageTag(event.language()),
                "support.manage.mail",
                link(event.supporterId()));
    }
}
