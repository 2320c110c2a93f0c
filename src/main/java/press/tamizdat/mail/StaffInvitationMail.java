package press.tamizdat.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import press.tamizdat.newsroom.InvitationMail;
import press.tamizdat.platform.TamizdatSettings;

/** Writes and sends the newsroom's invitations to join the staff, in the site's language. */
@Component
class StaffInvitationMail implements InvitationMail {

    private static final Logger log = LoggerFactory.getLogger(StaffInvitationMail.class);

    private final Mailer mailer;
    private final MailSettings settings;
    private final MessageSource messages;
    private final TamizdatSettings tamizdat;

    StaffInvitationMail(Mailer mailer, MailSettings settings, MessageSource messages, TamizdatSettings tamizdat) {
        this.mailer = mailer;
        this.settings = settings;
        this.messages = messages;
        this.tamizdat = tamizdat;
    }

    @Override
    public boolean send(Invitation invitation) {
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
