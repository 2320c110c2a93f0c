package press.tamizdat.publishing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every recorded picture's files, read from and written to the media store, for a backup and its restore. */
@Component
public class MediaArchive {

    private final JdbcClient db;
    private final MediaLibrary library;

    MediaArchive(JdbcClient db, MediaLibrary library) {
        this.db = db;
        this.library = library;
    }

    /** Hands each picture's files (name to bytes) to {@code each}, one picture at a time. */
    public void forEach(BiConsumer<String, Map<String, byte[]>> each) {
        record Row(String key, String extension, String widths) {}
        var rows = db.sql("SELECT storage_key, format, widths FROM media ORDER BY id")
                .query((rs, n) -> new Row(
                        rs.getString("storage_key"),
                        rs.getString("format").equals("png") ? "png" : "jpg",
                        rs.getString("widths")))
                .list();
        for (var row : rows) {
            var files = new LinkedHashMap<String, byte[]>();
            for (String width : Arrays.asList(row.widths().split(","))) {
                String name = width + "." + row.extension();
                library.store().read(row.key(), name).ifPresent(bytes -> files.put(name, bytes));
            }
            each.accept(row.key(), files);
        }
    }

    /** Stores one picture's files under its key, as the backup had them. */
    public void put(String key, Map<String, byte[]> files) {
        library.store().put(key, files);
    }
}
