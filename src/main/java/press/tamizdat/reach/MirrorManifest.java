package press.tamizdat.reach;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code manifest.json}, the list of every file of the mirror with its SHA-256 and size: the
 * folder's copy is written by {@link StaticMirror} after the files it lists, and {@link BucketMirror}
 * compares it with the bucket's own and uploads it last.
 */
final class MirrorManifest {

    /** The manifest's file name, in the folder and in the bucket. */
    static final String NAME = "manifest.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MirrorManifest() {}

    /** One file of the copy as the manifest lists it. */
    record Entry(String sha256, long size) {

        static Entry of(byte[] body) {
            return new Entry(MirrorManifest.sha256(body), body.length);
        }
    }

    /** A manifest as read: its files, and when it was written (if it says). */
    record Read(Map<String, Entry> files, @Nullable Instant generated) {}

    /** A manifest that is not one (another site's page, a cut-off download). */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** Reads a manifest from elsewhere, such as another mirror, checking that it is one. */
    static Read read(byte[] manifest) throws Unreadable {
        try {
            var generated = JSON.readTree(manifest).path("generated");
            return new Read(parse(manifest), generated.isString() ? Instant.parse(generated.asString()) : null);
        } catch (RuntimeException notAManifest) {
            throw new Unreadable("not a mirror manifest");
        }
    }

    /** The files a manifest lists, by their path in the copy. */
    static Map<String, Entry> parse(byte[] manifest) {
        var files = new HashMap<String, Entry>();
        JSON.readTree(manifest)
                .get("files")
                .properties()
                .forEach(field -> files.put(
                        field.getKey(),
                        new Entry(
                                field.getValue().get("sha256").asString(),
                                field.getValue().get("size").asLong())));
        return files;
    }

    /** The manifest listing {@code files}, written at {@code generated}. */
    static byte[] of(Map<String, Entry> files, Instant generated) {
        var manifest = JSON.createObjectNode();
        manifest.put("generated", generated.toString());
        var list = manifest.putObject("files");
        files.forEach((file, entry) ->
                list.putObject(file).put("sha256", entry.sha256()).put("size", entry.size()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
