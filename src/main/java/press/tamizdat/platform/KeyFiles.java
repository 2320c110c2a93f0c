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
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path partial = Files.createTempFile(file.getParent(), ".secret", ".partial");
                try {
                    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection has to do
                }
                Files.writeString(partial, HexFormat.of().formatHex(fresh));
                try {
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(partial);
                }
            }
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("The signing key " + file + " could not be read or made", e);
        }
    }
}
