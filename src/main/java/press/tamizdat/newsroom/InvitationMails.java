package press.tamizdat.newsroom;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.Mail;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.MailSettings;
import press.tamizdat.mail.Mailer;
import press.tamizdat.platform.TamizdatSettings;

/**
 * Writes and sends the newsroom's invitations to join the staff, in the site's language. Sent
 * straight away, not through an event, so the link's token never waits in the event registry.
 */
@Component
class InvitationMails {

    private static final Logger log = LoggerFactory.getLogger(InvitationMails.class);

    /** One invitation: to whom, from whom, for which role, and the single-use link. */
    record Invitation(String email, String name, String invitedBy, Role role, URI link, Instant expiresAt) {}

    private final Mailer mailer;
    private final MailSettings settings;
    private final MessageSource messages;
    private final TamizdatSettings tamizdat;

    InvitationMails(Mailer mailer, MailSettings settings, MessageSource messages, TamizdatSettings tamizdat) {
        this.mailer = mailer;
        this.settings = settings;
        this.messages = messages;
        this.tamizdat = tamizdat;
    }

    /** Sends it; false if the mail could not be handed over (the invitation is then not kept). */
    boolean send(Invitation invitation) {
        Locale locale = tamizdat.site().language();
        String site = tamizdat.site().name();
        String role =
                messages.getMessage("staff.role." + invitation.role().name().toLowerCase(Locale.ROOT), null, locale);
        String expires = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", locale)
                .format(invitation.expiresAt().atOffset(ZoneOffset.UTC));
        String subject = messages.getMessage("invitation.mail.subject", new Object[] {site}, locale);
        String text = messages.getMessage(
                "invitation.mail.text",
                new Object[] {invitation.name(), invitation.invitedBy(), site, role, invitation.link(), expires},
                locale);
        try {
            mailer.send(new Mail(settings.fromAddress(), settings.fromName(), invitation.email(), subject, text, null));
            return true;
        } catch (MailFailure e) {
            log.warn("An invitation could not be mailed: {}", e.getMessage());
            return false;
        }
    }
}
