package press.tamizdat.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The file outbox of the embedded default: every message as an {@code .eml} file under
 * {@code $TAMIZDAT_DATA_DIR/mail/outbox/} (a contract), written whole or not at all.
 */
@Component
public class Outbox {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-f-]{36}\\.eml");

    private final Path directory;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    Outbox(TamizdatSettings settings, Clock clock) {
        this.directory = settings.dataDir().resolve("mail").resolve("outbox");
        this.clock = clock;
    }

    /** The folder the messages are written to. */
    public Path directory() {
        return directory;
    }

    void store(byte[] message) throws MailFailure {
        try {
            Files.createDirectories(directory);
            String name = STAMP.format(clock.instant()) + "-" + UUID.randomUUID() + ".eml";
            Path partial = directory.resolve("." + name + ".partial");
            Files.write(partial, message);
            Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MailFailure("The outbox could not be written: " + e.getMessage(), false, e);
        }
    }

    /** The file names of stored messages, newest first. */
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> NAME.matcher(name).matches())
                    .sorted(Comparator.reverseOrder())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A stored message by its file name; names are checked, so nothing outside the outbox is read. */
    public Optional<MimeMessage> read(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new MimeMessage(session, in));
        } catch (IOException | jakarta.mail.MessagingException e) {
            return Optional.empty();
        }
    }
}
