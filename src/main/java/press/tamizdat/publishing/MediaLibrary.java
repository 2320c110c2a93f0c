package press.tamizdat.publishing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;

/**
 * The newsroom's pictures: each upload is checked, re-encoded without metadata into responsive
 * widths kept in the {@link MediaStore} ({@code <data dir>/media/<key>/}, or the media bucket), and
 * recorded. A refused upload leaves no file.
 */
@Component
class MediaLibrary implements DisposableBean {

    private final JdbcClient db;
    private final MediaSettings settings;
    private final ImageRecoder recoder;
    private final MediaStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final org.springframework.context.ApplicationEventPublisher events;

    MediaLibrary(
            JdbcClient db,
            MediaSettings settings,
            TamizdatSettings tamizdat,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.settings = settings;
        this.recoder = new ImageRecoder(settings.maxPixels());
        this.store = settings.bucket().named() ? new MediaBucket(settings.bucket()) : new MediaFolder(folder(tamizdat));
        this.clock = clock;
    }

    /** The embedded default's media folder (and where the files are moved from into a bucket). */
    static Path folder(TamizdatSettings tamizdat) {
        return tamizdat.dataDir().resolve("media").toAbsolutePath();
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

    MediaStore store() {
        return store;
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
        var files = new LinkedHashMap<String, byte[]>();
        for (var rendition : recoded.renditions()) {
            files.put(rendition.width() + "." + extension, rendition.bytes());
        }
        store.put(key, files);
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
            store.delete(key);
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

    /** A picture as the library describes it: alt text (required to place it), caption and credit. */
    record Described(Medium medium, String alt, String caption, String credit, java.time.Instant addedAt) {

        /** What to write on a line of its own in a story's text to place the picture there. */
        String placement() {
            return "[photo " + medium.id() + "]";
        }
    }

    static final int MAX_ALT = 500;
    static final int MAX_CAPTION = 600;
    static final int MAX_CREDIT = 200;

    /** One page of the library, newest first, those whose words contain {@code query} (any, when blank). */
    @Transactional(readOnly = true)
    List<Described> search(String query, int page, int size) {
        String like = "%"
                + query.strip()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
        return db.sql("""
                        SELECT id, storage_key, format, width, height, widths, alt, caption, credit, created_at
                        FROM media
                        WHERE LOWER(alt) LIKE :like ESCAPE '\\' OR LOWER(caption) LIKE :like ESCAPE '\\'
                           OR LOWER(credit) LIKE :like ESCAPE '\\'
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("like", like)
                .param("limit", size + 1)
                .param("offset", (long) Math.max(0, page - 1) * size)
                .query((rs, n) -> described(rs))
                .list();
    }

    Optional<Described> described(long id) {
        return db.sql("""
                        SELECT id, storage_key, format, width, height, widths, alt, caption, credit, created_at
                        FROM media WHERE id = :id
                        """).param("id", id).query((rs, n) -> described(rs)).optional();
    }

    /**
     * Sets what the library says of a picture; false when there is no such picture. The published
     * articles that place it change with it, on every node.
     */
    @Transactional
    boolean describe(long id, String alt, String caption, String credit) {
        int changed = db.sql("UPDATE media SET alt = :alt, caption = :caption, credit = :credit WHERE id = :id")
                .param("alt", alt)
                .param("caption", caption)
                .param("credit", credit)
                .param("id", id)
                .update();
        db.sql("SELECT id, language, slug FROM article WHERE status = 'PUBLISHED' AND body LIKE :placed")
                .param("placed", "%[photo " + id + "]%")
                .query((rs, n) -> new ArticleChanged(
                        rs.getLong("id"),
                        press.tamizdat.platform.Language.valueOf(rs.getString("language")),
                        rs.getString("slug")))
                .list()
                .forEach(events::publishEvent);
        return changed > 0;
    }

    long uploadedBy(long id) {
        return db.sql("SELECT created_by FROM media WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private static Described described(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Described(
                medium(rs),
                rs.getString("alt"),
                rs.getString("caption"),
                rs.getString("credit"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
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

    @Override
    public void destroy() {
        if (store instanceof MediaBucket bucket) {
            bucket.close();
        }
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
