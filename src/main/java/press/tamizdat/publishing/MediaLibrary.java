package press.tamizdat.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.FileSystemUtils;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;

/**
 * The newsroom's pictures: each upload is checked, re-encoded without metadata into responsive
 * widths under {@code <data dir>/media/<key>/}, and recorded. A refused upload leaves no file.
 */
@Component
class MediaLibrary {

    private final JdbcClient db;
    private final MediaSettings settings;
    private final ImageRecoder recoder;
    private final Path root;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MediaLibrary(JdbcClient db, MediaSettings settings, TamizdatSettings tamizdat, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.recoder = new ImageRecoder(settings.maxPixels());
        this.root = tamizdat.dataDir().resolve("media").toAbsolutePath();
        this.clock = clock;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the media folder " + root, e);
        }
    }

    /** A stored picture and the widths it can be served in. */
    record Medium(long id, String key, String format, int width, int height, List<Integer> widths) {

        String extension() {
            return format.equals("png") ? "png" : "jpg";
        }

        String url(int width) {
            return PublicPaths.MEDIA + key + "/" + width + "." + extension();
        }

        /** The largest width not above {@code limit}, for the plain {@code src}. */
        int widthUpTo(int limit) {
            return widths.stream().filter(w -> w <= limit).max(Integer::compare).orElse(widths.getFirst());
        }
    }

    Path root() {
        return root;
    }

    @Transactional
    Medium store(byte[] upload, long uploadedBy) {
        if (upload.length == 0) {
            throw new MediaRejected("media.error.empty");
        }
        if (upload.length > settings.maxUploadSize().toBytes()) {
            throw new MediaRejected("media.error.too-large");
        }
        var recoded = recoder.recode(upload, settings.widths());
        String key = HexFormat.of().formatHex(bytes(16));
        String extension = recoded.format().equals("png") ? "png" : "jpg";
        Path folder = root.resolve(key);
        Path staging = root.resolve(".incoming-" + key);
        try {
            Files.createDirectories(staging);
            for (var rendition : recoded.renditions()) {
                Files.write(staging.resolve(rendition.width() + "." + extension), rendition.bytes());
            }
            Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            FileSystemUtils.deleteRecursively(staging.toFile());
            throw new UncheckedIOException("Could not store an image under " + root, e);
        }
        var widths =
                recoded.renditions().stream().map(ImageRecoder.Rendition::width).toList();
        try {
            db.sql("""
                            INSERT INTO media (storage_key, format, width, height, widths, created_by, created_at)
                            VALUES (:key, :format, :width, :height, :widths, :by, :at)
                            """)
                    .param("key", key)
                    .param("format", recoded.format())
                    .param("width", recoded.width())
                    .param("height", recoded.height())
                    .param("widths", widths.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .param("by", uploadedBy)
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (RuntimeException e) {
            FileSystemUtils.deleteRecursively(folder.toFile());
            throw e;
        }
        return findByKey(key).orElseThrow();
    }

    Optional<Medium> find(long id) {
        return db.sql("SELECT id, storage_key, format, width, height, widths FROM media WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> medium(rs))
                .optional();
    }

    private Optional<Medium> findByKey(String key) {
        return db.sql("SELECT id, storage_key, format, width, height, widths FROM media WHERE storage_key = :key")
                .param("key", key)
                .query((rs, n) -> medium(rs))
                .optional();
    }

    private static Medium medium(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Medium(
                rs.getLong("id"),
                rs.getString("storage_key"),
                rs.getString("format"),
                rs.getInt("width"),
                rs.getInt("height"),
                Arrays.stream(rs.getString("widths").split(","))
                        .map(Integer::valueOf)
                        .toList());
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
