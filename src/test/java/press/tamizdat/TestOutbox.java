package press.tamizdat;

import static org.awaitility.Awaitility.await;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import press.tamizdat.platform.TamizdatSettings;

/** The embedded default's mail: the messages in the data directory's outbox, read with Jakarta Mail. */
public final class TestOutbox {

    private final Path outbox;

    public TestOutbox(TamizdatSettings settings) {
        this.outbox = settings.dataDir().resolve("mail").resolve("outbox");
    }

    /** The messages to {@code address}, oldest first. */
    public List<MimeMessage> to(String address) {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml"))
                    .sorted()
                    .map(TestOutbox::read)
                    .flatMap(Optional::stream)
                    .filter(message -> recipient(message).equalsIgnoreCase(address))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first message to {@code address}, waiting up to thirty seconds for it: mail is sent by a
     * small pool of listeners, which may first work through what other tests left queued.
     */
    public MimeMessage first(String address) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !to(address).isEmpty());
        return to(address).getFirst();
    }

    /** A message's subject, decoded. */
    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message's text part: its whole content, or the plain-text part of a multipart message. */
    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    /** A message's HTML part, or its whole content when it has no parts. */
    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The first part of {@code type} in a message (however deep), or its whole content when it has no parts. */
    public static String part(MimeMessage message, String type) {
        try {
            return part(message.getContent(), type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Object content, String type) throws Exception {
        if (content instanceof jakarta.mail.Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                var part = parts.getBodyPart(i);
                if (part.isMimeType(type) || part.isMimeType("multipart/*")) {
                    return part(part.getContent(), type);
                }
            }
        }
        return content.toString();
    }

    private static Optional<MimeMessage> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new MimeMessage(Session.getInstance(new Properties()), in));
        } catch (Exception e) {
            return Optional.empty(); // still being written
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            var recipients = message.getAllRecipients();
            return recipients == null ? "" : recipients[0].toString();
        } catch (Exception e) {
            return "";
        }
    }
}
