package press.tamizdat.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The secret keys (from their setting, else from a file in the data directory, see {@link KeyFiles}),
 * each checked against the one the site's data was sealed and signed with. The first node to load a
 * key records its fingerprint in the database; a node started with another one (a second node
 * without the setting, a data directory restored without its key files) stops at start-up, naming
 * the setting, rather than failing at the first sealed value it cannot open.
 */
@Component
public class Keys {

    private final JdbcClient db;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    Keys(JdbcClient db) {
        this.db = db;
    }

    /** A key as this node loaded it: from its setting, or from its file in the data directory. */
    public record Loaded(String setting, byte[] key, Path file, boolean fromSetting) {}

    /** The key set in {@code hex} (the value of {@code setting}), else the one in {@code file}. */
    public byte[] load(String setting, String hex, Path file) {
        byte[] key = KeyFiles.key(hex, file);
        String fingerprint = fingerprint(key);
        db.sql(
                        "INSERT INTO key_fingerprint (setting, fingerprint) VALUES (:setting, :fingerprint) ON CONFLICT DO NOTHING")
                .param("setting", setting)
                .param("fingerprint", fingerprint)
                .update();
        String recorded = db.sql("SELECT fingerprint FROM key_fingerprint WHERE setting = :setting")
                .param("setting", setting)
                .query(String.class)
                .single();
        if (!recorded.equals(fingerprint)) {
            throw new IllegalStateException(setting + " (or " + file.getFileName()
                    + " in the data directory) is not the key this site's data was sealed and signed with:"
                    + " every node of a site needs the same " + setting
                    + " (docs/operations.md, \"Keys\")");
        }
        loaded.put(setting, new Loaded(setting, key, file, !hex.isBlank()));
        return key;
    }

    /** Every key this node has loaded, by setting (for a backup). */
    public Map<String, Loaded> loaded() {
        return Map.copyOf(loaded);
    }

    /**
     * Makes {@code key} the site's {@code setting} from now on (a restore): its fingerprint in the
     * database, and its file in the data directory, which the next start reads unless the setting
     * is given. The running node keeps the key it started with: restart it.
     */
    public void replace(String setting, byte[] key, Path file) {
        KeyFiles.write(file, key);
        record(setting, key);
    }

    /** Makes {@code key} the one the site's data is sealed and signed with under {@code setting}. */
    void record(String setting, byte[] key) {
        db.sql("DELETE FROM key_fingerprint WHERE setting = :setting")
                .param("setting", setting)
                .update();
        db.sql("INSERT INTO key_fingerprint (setting, fingerprint) VALUES (:setting, :fingerprint)")
                .param("setting", setting)
                .param("fingerprint", fingerprint(key))
                .update();
    }

    static String fingerprint(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("tamizdat key fingerprint".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
