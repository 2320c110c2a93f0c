package press.tamizdat.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Secret keys from configuration (hex), or, for the embedded default, from a file in the data
 * directory made on first start. Every node of a cluster needs the same keys, so a cluster sets them.
 */
public final class KeyFiles {

    private KeyFiles() {}

    /** The key in {@code hex}, or if that is blank, the one in {@code file} (made if missing). */
    public static byte[] key(String hex, Path file) {
        return hex.isBlank() ? keyFile(file) : HexFormat.of().parseHex(hex.strip());
    }

    /** The embedded default's key: made once, readable by the owner only, written whole or not at all. */
    private static byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    write(file, fresh, false);
                } catch (IOException raced) {
                    // another process made it first: theirs is read below
                }
            }
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("The signing key " + file + " could not be read or made", e);
        }
    }

    /** Writes {@code key} into {@code file} (replacing it), readable by the owner only. */
    static void write(Path file, byte[] key) {
        try {
            write(file, key, true);
        } catch (IOException e) {
            throw new UncheckedIOException("The key " + file + " could not be written", e);
        }
    }

    private static void write(Path file, byte[] key, boolean replace) throws IOException {
        writePrivate(file, HexFormat.of().formatHex(key), replace);
    }

    /** Writes {@code text} into {@code file}, readable by the owner only, whole or not at all. */
    static void writePrivate(Path file, String text, boolean replace) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret", ".partial");
        try {
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection has to do
            }
            Files.writeString(partial, text, java.nio.charset.StandardCharsets.US_ASCII);
            if (replace) {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
