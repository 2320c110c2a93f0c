package press.tamizdat.mail;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;

/**
 * A short message of ours to one reader, written from two messages in the reader's language:
 * {@code <key>.subject} (the site's name as its first argument) and {@code <key>.text} (the site's
 * name, then the arguments given), sent from the newsletter's sender, in plain text.
 */
@Component
public class Notices {

    private final Mailer mailer;
    private final MailSettings mail;
    private final MessageSource messages;
    private final TamizdatSettings settings;

    Notices(Mailer mailer, MailSettings mail, MessageSource messages, TamizdatSettings settings) {
        this.mailer = mailer;
        this.mail = mail;
        this.messages = messages;
        this.settings = settings;
    }

    /**
     * Answers a message automatically (RFC 3834: {@code Auto-Submitted: auto-replied}, so another
     * robot does not answer back), from the outlet's address.
     */
    public void reply(String to, @Nullable String inReplyTo, String subject, String text) throws MailFailure {
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("Auto-Submitted", "auto-replied");
        if (inReplyTo != null && !inReplyTo.isBlank() && inReplyTo.length() <= 300) {
            headers.put("In-Reply-To", inReplyTo.strip());
        }
        mailer.send(new Mail(mail.fromAddress(), mail.fromName(), to, subject, text, null, headers));
    }

    /** The sender's name the outlet's mail carries unless told otherwise. */
    public String fromName() {
        return mail.fromName();
    }

    /** The address the outlet's mail comes from. */
    public String fromAddress() {
        return mail.fromAddress();
    }

    /** Sends the notice {@code key} to {@code to}. */
    public void send(String to, Locale locale, String key, Object... args) throws MailFailure {
        sendAs(settings.site().name(), mail.fromName(), to, locale, key, args);
    }

    /**
     * Sends the notice {@code key} under another name: {@code name} stands for the outlet in its
     * subject and text, and {@code senderName} is the sender's name in the inbox.
     */
    public void sendAs(String name, String senderName, String to, Locale locale, String key, Object... args)
            throws MailFailure {
        String site = name;
        Object[] textArgs = new Object[args.length + 1];
        textArgs[0] = site;
        System.arraycopy(args, 0, textArgs, 1, args.length);
        mailer.send(new Mail(
                mail.fromAddress(),
                senderName,
                to,
                messages.getMessage(key + ".subject", new Object[] {site}, locale),
                messages.getMessage(key + ".text", textArgs, locale),
                null));
    }
}
