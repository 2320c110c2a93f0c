package press.tamizdat.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.TamizdatSettings;

/**
 * {@code java -jar tamizdat.jar backup <file>} and {@code restore <file>}: the whole site into one
 * encrypted archive and back. Sealed for a passphrase ({@code --passphrase-file=<file>}, or
 * {@code TAMIZDAT_BACKUP_PASSPHRASE}) or for the operator's public key ({@code --public-key=<file>},
 * from {@code gpg --export --armor}), opened with the passphrase or the secret key
 * ({@code --secret-key=<file>}, with {@code --secret-key-passphrase-file=<file>} when it has one).
 * Both run with no jobs; a restore replaces an installation's articles only with {@code --replace}.
 */
@Component
class BackupCommand implements ApplicationRunner {

    private final Backups backups;
    private final Keys keys;
    private final TamizdatSettings settings;
    private final ConfigurableApplicationContext context;

    BackupCommand(Backups backups, Keys keys, TamizdatSettings settings, ConfigurableApplicationContext context) {
        this.backups = backups;
        this.keys = keys;
        this.settings = settings;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        if (words.isEmpty() || !List.of("backup", "restore").contains(words.getFirst())) {
            return;
        }
        int status;
        try {
            status = words.getFirst().equals("backup") ? backup(words, arguments) : restore(words, arguments);
        } catch (IOException | RuntimeException e) {
            System.err.println(e.getMessage());
            status = 1;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private int backup(List<String> words, ApplicationArguments arguments) throws IOException {
        if (words.size() != 2) {
            System.err.println("Usage: backup <file> (--passphrase-file=<file> | --public-key=<file>)");
            return 2;
        }
        String publicKey = option(arguments, "public-key");
        OpenPgp.Seal seal = publicKey != null
                ? OpenPgp.PublicKey.read(Path.of(publicKey))
                : new OpenPgp.Passphrase(passphrase(arguments, "passphrase-file"));
        var written = backups.write(Path.of(words.get(1)), seal);
        System.out.printf(
                "Backup written to %s: %d tables, %d rows, %d pictures, keys %s%n",
                words.get(1),
                written.rows().size(),
                written.rows().values().stream().mapToLong(Long::longValue).sum(),
                written.pictures(),
                String.join(", ", written.keys()));
        return 0;
    }

    private int restore(List<String> words, ApplicationArguments arguments) throws IOException {
        if (words.size() != 2) {
            System.err.println("Usage: restore <file> (--passphrase-file=<file> | --secret-key=<file>"
                    + " [--secret-key-passphrase-file=<file>]) [--replace]");
            return 2;
        }
        Path file = Path.of(words.get(1));
        if (!Files.isRegularFile(file)) {
            System.err.println("No such file: " + file);
            return 2;
        }
        if (backups.holdsArticles() && !arguments.containsOption("replace")) {
            System.err.println("This installation holds articles already: restore into a fresh one,"
                    + " or add --replace to replace everything it holds");
            return 2;
        }
        String secretKey = option(arguments, "secret-key");
        OpenPgp.Opener opener = secretKey != null
                ? OpenPgp.WithSecretKey.read(
                        Path.of(secretKey),
                        option(arguments, "secret-key-passphrase-file") == null
                                ? new char[0]
                                : passphrase(arguments, "secret-key-passphrase-file"))
                : new OpenPgp.WithPassphrase(passphrase(arguments, "passphrase-file"));
        var restored = backups.restore(file, opener);
        System.out.printf(
                "Restored from %s: %d tables, %d rows, %d pictures, keys %s%n",
                file,
                restored.rows().size(),
                restored.rows().values().stream().mapToLong(Long::longValue).sum(),
                restored.pictures(),
                String.join(", ", restored.keys()));
        noteKeysGivenBySettings(restored.keys());
        return 0;
    }

    /**
     * A key this process took from its setting (a cluster's environment) stays that setting's until
     * the operator changes it: the restored keys are written where they can be copied from.
     */
    private void noteKeysGivenBySettings(List<String> restored) throws IOException {
        var fromSettings = keys.loaded().values().stream()
                .filter(Keys.Loaded::fromSetting)
                .filter(key -> restored.contains(key.setting()))
                .toList();
        if (fromSettings.isEmpty()) {
            return;
        }
        Path env = settings.dataDir().resolve("restored-keys.env");
        var lines = new StringBuilder();
        for (var key : fromSettings) {
            byte[] restoredKey =
                    HexFormat.of().parseHex(Files.readString(key.file()).strip());
            lines.append(key.setting())
                    .append('=')
                    .append(HexFormat.of().formatHex(restoredKey))
                    .append('\n');
        }
        Files.writeString(env, lines, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(env, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        System.out.println("Set the restored keys in every node's environment before starting them: " + env);
    }

    private static char[] passphrase(ApplicationArguments arguments, String option) throws IOException {
        String file = option(arguments, option);
        if (file != null) {
            return Files.readString(Path.of(file)).strip().toCharArray();
        }
        String fromEnvironment = System.getenv("TAMIZDAT_BACKUP_PASSPHRASE");
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            throw new IOException("Give the passphrase: --" + option + "=<file> or TAMIZDAT_BACKUP_PASSPHRASE");
        }
        return fromEnvironment.toCharArray();
    }

    private static @Nullable String option(ApplicationArguments arguments, String name) {
        var values = arguments.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
