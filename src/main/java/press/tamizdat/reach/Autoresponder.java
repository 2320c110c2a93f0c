package press.tamizdat.reach;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.Notices;
import press.tamizdat.platform.EmailAddresses;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.SingleUse;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * "Ask by email": readers behind a firewall can often still send and receive mail. Every message
 * to the outlet's autoresponder mailbox (read over IMAP with TLS) gets an automatic reply with
 * today's healthy mirrors, the onion address and a link to the latest newsletter edition, in the
 * language it was written in (Russian when it has Cyrillic letters, else English); a sender gets
 * at most one reply an hour. Each message is deleted from the mailbox once handled, and no address
 * is kept: the hourly limit remembers a keyed fingerprint of the sender for an hour, nothing else.
 * Robots (bounces, other autoresponders, lists) get no answer, so two robots never talk forever.
 */
@Component
class Autoresponder {

    private static final Logger log = LoggerFactory.getLogger(Autoresponder.class);
    private static final String PURPOSE = "autoresponder-sender";
    private static final Duration ONE_REPLY_PER = Duration.ofHours(1);
    private static final int MESSAGES_PER_ROUND = 200;
    private static final int READ_AT_MOST = 20_000;
    private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
    private static final Pattern ROBOT =
            Pattern.compile("(?i)^(mailer-daemon|postmaster|no-?reply|bounce[s]?)([+-].*)?@.*");

    private final ReachSettings.Autoresponder settings;
    private final Mirrors mirrors;
    private final Notices notices;
    private final MessageSource messages;
    private final SignedTokens tokens;
    private final SingleUse singleUse;
    private final SiteUrls urls;
    private final String siteName;

    Autoresponder(
            ReachSettings settings,
            Mirrors mirrors,
            Notices notices,
            MessageSource messages,
            SignedTokens tokens,
            SingleUse singleUse,
            SiteUrls urls,
            TamizdatSettings site) {
        this.settings = settings.autoresponder();
        this.mirrors = mirrors;
        this.notices = notices;
        this.messages = messages;
        this.tokens = tokens;
        this.singleUse = singleUse;
        this.urls = urls;
        this.siteName = site.site().name();
    }

    /** What one round did: messages read, replies sent. */
    record Round(int read, int replied) {}

    /** Reads the mailbox once, answers what is there and deletes it. */
    Round answer() throws MessagingException {
        if (!settings.enabled()) {
            return new Round(0, 0);
        }
        int read = 0;
        int replied = 0;
        try (var store = Session.getInstance(properties()).getStore("imaps")) {
            store.connect(settings.host(), settings.port(), settings.user(), settings.password());
            var inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                var waiting = inbox.getMessages();
                for (int i = 0; i < Math.min(waiting.length, MESSAGES_PER_ROUND); i++) {
                    var message = waiting[i];
                    read++;
                    if (answer(message)) {
                        replied++;
                    }
                    message.setFlag(Flags.Flag.DELETED, true);
                }
            } finally {
                inbox.close(true); // expunged: the messages, and their senders, are gone
            }
        }
        return new Round(read, replied);
    }

    /** Answers one message unless it is a robot's or its sender was answered within the hour. */
    private boolean answer(Message message) {
        try {
            var sender = sender(message);
            if (sender.isEmpty() || fromARobot(message, sender.get())) {
                return false;
            }
            if (!singleUse.firstUseWithin(PURPOSE + ":" + tokens.fingerprint(PURPOSE, sender.get()), ONE_REPLY_PER)) {
                return false;
            }
            var locale = CYRILLIC.matcher(words(message)).find() ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
            String[] ids = message.getHeader("Message-ID");
            notices.reply(
                    sender.get(),
                    ids == null || ids.length == 0 ? null : ids[0],
                    messages.getMessage("autoresponder.subject", new Object[] {siteName}, locale),
                    text(locale));
            return true;
        } catch (MessagingException | IOException e) {
            log.warn(
                    "A message to the autoresponder could not be read ({}); it is deleted unanswered",
                    e.getClass().getSimpleName());
            return false;
        } catch (MailFailure e) {
            log.warn("An autoresponder reply could not be sent: {}", e.getMessage());
            return false;
        }
    }

    /** Today's addresses and the latest edition, in the reader's language. */
    String text(Locale locale) {
        var text = new StringBuilder();
        text.append(messages.getMessage("autoresponder.intro", new Object[] {siteName}, locale))
                .append("\n\n");
        var healthy = mirrors.advertised();
        if (!healthy.isEmpty()) {
            text.append(messages.getMessage("autoresponder.mirrors", null, locale))
                    .append('\n');
            healthy.forEach(mirror -> text.append(mirror).append('\n'));
            text.append('\n');
        }
        mirrors.onion()
                .ifPresent(onion -> text.append(messages.getMessage("autoresponder.onion", null, locale))
                        .append('\n')
                        .append(onion)
                        .append("\n\n"));
        text.append(messages.getMessage("autoresponder.latest", null, locale))
                .append('\n')
                .append(mirrors.onFirstMirror(PublicPaths.NEWSLETTER_LATEST)
                        .orElseGet(() -> urls.absolute(PublicPaths.NEWSLETTER_LATEST)))
                .append("\n\n")
                .append(messages.getMessage("autoresponder.nothing-kept", null, locale))
                .append('\n');
        return text.toString();
    }

    private static Optional<String> sender(Message message) throws MessagingException {
        Address[] replyTo = message.getReplyTo();
        Address[] from = replyTo != null && replyTo.length > 0 ? replyTo : message.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            return Optional.empty();
        }
        return EmailAddresses.normalize(address.getAddress() == null ? "" : address.getAddress());
    }

    /** Bounces, other autoresponders, lists and bulk mail, and our own address, get no answer (RFC 3834). */
    private boolean fromARobot(Message message, String sender) throws MessagingException {
        String[] auto = message.getHeader("Auto-Submitted");
        if (auto != null && auto.length > 0 && !auto[0].strip().equalsIgnoreCase("no")) {
            return true;
        }
        String[] precedence = message.getHeader("Precedence");
        if (precedence != null
                && precedence.length > 0
                && precedence[0].strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk")) {
            return true;
        }
        return message.getHeader("List-Id") != null
                || ROBOT.matcher(sender).matches()
                || sender.equalsIgnoreCase(notices.fromAddress())
                || sender.equalsIgnoreCase(settings.user());
    }

    /** The subject and the plain text, enough of them to tell the language. */
    private static String words(Message message) throws MessagingException, IOException {
        String subject = message.getSubject() == null ? "" : message.getSubject();
        String body = plain(message);
        return subject + "\n" + (body.length() <= READ_AT_MOST ? body : body.substring(0, READ_AT_MOST));
    }

    private static String plain(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return part.getContent() instanceof String text ? text : "";
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                String text = plain(parts.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private Properties properties() {
        var properties = new Properties();
        long timeout = Duration.ofSeconds(30).toMillis();
        properties.put("mail.imaps.connectiontimeout", Long.toString(timeout));
        properties.put("mail.imaps.timeout", Long.toString(timeout));
        properties.put("mail.imaps.writetimeout", Long.toString(timeout));
        properties.put(
                "mail.imaps.ssl.checkserveridentity",
                Boolean.toString(settings.sslTrust().isBlank()));
        if (!settings.sslTrust().isBlank()) {
            properties.put("mail.imaps.ssl.trust", settings.sslTrust());
        }
        return properties;
    }
}
