package press.tamizdat.reach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The folder the mirror is written to: each file whole or not at all (a reader of the folder never
 * sees half a file), readable by whatever serves it, never outside the folder; and its manifest.
 */
final class MirrorFolder {

    private final Path root;

    MirrorFolder(Path root) {
        this.root = root;
    }

    /** The manifest the folder holds, or none if no copy was written yet. */
    Map<String, MirrorManifest.Entry> manifest() {
        Path manifest = root.resolve(MirrorManifest.NAME);
        if (!Files.exists(manifest)) {
            return Map.of();
        }
        try {
            return MirrorManifest.parse(Files.readAllBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean holds(String file) {
        return Files.exists(root.resolve(file));
    }

    void write(String file, byte[] body) {
        Path target = root.resolve(file);
        if (!target.toAbsolutePath()
                .normalize()
                .startsWith(root.toAbsolutePath().normalize())) {
            throw new IllegalStateException("The mirror does not write outside its folder: " + target);
        }
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".mirror", ".partial");
            Files.write(partial, body);
            try {
                // readable by whatever serves the copy (nginx, an onion service, rsync)
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's own permissions apply
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The mirror could not write " + target, e);
        }
    }

    void delete(String file) {
        try {
            Files.deleteIfExists(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("The mirror could not remove " + file, e);
        }
    }
}
