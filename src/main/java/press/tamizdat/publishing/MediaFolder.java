package press.tamizdat.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.springframework.util.FileSystemUtils;

/** Pictures under {@code <data dir>/media/<key>/}, written to a staging folder and moved in whole. */
final class MediaFolder implements MediaStore {

    private final Path root;

    MediaFolder(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the media folder " + root, e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public void put(String key, Map<String, byte[]> files) {
        Path folder = root.resolve(key);
        Path staging = root.resolve(".incoming-" + key);
        try {
            Files.createDirectories(staging);
            for (var file : files.entrySet()) {
                Files.write(staging.resolve(file.getKey()), file.getValue());
            }
            Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            FileSystemUtils.deleteRecursively(staging.toFile());
            throw new UncheckedIOException("Could not store an image under " + root, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key, String file) {
        try {
            return Optional.of(Files.readAllBytes(root.resolve(key).resolve(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        FileSystemUtils.deleteRecursively(root.resolve(key).toFile());
    }
}
