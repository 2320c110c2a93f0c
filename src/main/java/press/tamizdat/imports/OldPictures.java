package press.tamizdat.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.publishing.ArticleImports;

/**
 * Brings an old post's pictures in: each old address is read once (from the folder of the old
 * site's uploads when it holds the file, else from the web) and stored through the media library,
 * which strips its metadata; a later import of the same address finds the stored picture.
 */
@Component
class OldPictures {

    private static final int MAX_IMAGE_BYTES = 30 * 1024 * 1024;

    /** Where an import finds pictures: the uploads folder, the old site's address, the export's own. */
    record Where(
            @Nullable Path uploads,
            @Nullable String oldSite,
            @Nullable String exportBase) {}

    /** A picture brought in (or not, and why), and whether this call stored it. */
    record Brought(
            Optional<ArticleImports.StoredImage> image,
            boolean stored,
            @Nullable String problem) {}

    private final ArticleImports articles;
    private final JdbcClient db;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    OldPictures(ArticleImports articles, JdbcClient db) {
        this.articles = articles;
        this.db = db;
    }

    /** A picture already brought in (by its old address), or read and stored now. */
    Brought bring(String url, Where where, StaffMember importer) {
        String hash = sha256(url);
        var known = db.sql("SELECT media_id, src FROM imported_image WHERE address_hash = :hash")
                .param("hash", hash)
                .query((rs, n) -> new ArticleImports.StoredImage(rs.getLong("media_id"), rs.getString("src")))
                .optional();
        if (known.isPresent()) {
            return new Brought(known, false, null);
        }
        byte[] bytes;
        try {
            bytes = read(reachable(url, where), where.uploads());
        } catch (IOException | RuntimeException unreadable) {
            return new Brought(
                    Optional.empty(),
                    false,
                    "picture " + url + " could not be read (" + unreadable.getMessage() + "): left out");
        }
        try {
            var stored = articles.storeImage(bytes, importer);
            db.sql("INSERT INTO imported_image (address_hash, address, media_id, src) VALUES (:hash, :url, :id, :src)")
                    .param("hash", hash)
                    .param("url", Importer.limit(url, 2000))
                    .param("id", stored.id())
                    .param("src", stored.src())
                    .update();
            return new Brought(Optional.of(stored), true, null);
        } catch (ArticleImports.ImageRefused rejected) {
            return new Brought(
                    Optional.empty(),
                    false,
                    "picture " + url + " is not one the media library takes (" + rejected.messageKey() + "): left out");
        }
    }

    /**
     * Where an old picture can be fetched: at the old site's address given for the import
     * (where the old site is still up once its domain points here), else where the export says.
     */
    private static String reachable(String url, Where where) {
        String reachAt = where.oldSite();
        String exportBase = where.exportBase();
        if (reachAt == null || exportBase == null || exportBase.equals(reachAt)) {
            return url;
        }
        String from = exportBase.replaceAll("/+$", "");
        return url.startsWith(from + "/") ? reachAt.replaceAll("/+$", "") + url.substring(from.length()) : url;
    }

    /** From the folder of old uploads when it holds the file, else from its old address. */
    private byte[] read(String url, @Nullable Path uploads) throws IOException {
        var local = inUploads(url, uploads);
        if (local.isPresent()) {
            return Files.readAllBytes(local.get());
        }
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IOException("not a web address");
        }
        try {
            var response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                byte[] bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
                if (bytes.length > MAX_IMAGE_BYTES) {
                    throw new IOException("larger than " + MAX_IMAGE_BYTES / (1024 * 1024) + " MB");
                }
                return bytes;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** The file under the uploads folder that an old address names (WordPress's and Ghost's upload paths). */
    private static Optional<Path> inUploads(String url, @Nullable Path uploads) {
        if (uploads == null) {
            return Optional.empty();
        }
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String marker : List.of("/wp-content/uploads/", "/content/images/")) {
            int at = path.indexOf(marker);
            if (at >= 0) {
                Path root = uploads.toAbsolutePath().normalize();
                Path file = root.resolve(path.substring(at + marker.length())).normalize();
                if (file.startsWith(root) && Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
