package press.tamizdat.reach;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
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
