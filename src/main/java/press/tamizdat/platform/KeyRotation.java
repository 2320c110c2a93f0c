package press.tamizdat.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates the site's own keys: a new random key for each setting chosen, everything sealed under
 * the old one sealed again in one transaction (each module's {@link Resealing}), the fingerprints
 * replaced, then the key files. The new keys are written to {@code rotated-keys.env} in the data
 * directory before the transaction commits, so they are never lost between the database and the
 * files; the file is removed again when every key lives in a file, and kept (readable by its owner
 * only) for the keys a node takes from its environment, which the operator sets on every node.
 * Every node must be stopped: one still running would keep sealing with the old keys.
 */
@Component
public class KeyRotation {

    static final String ROTATED_KEYS = "rotated-keys.env";

    private final Keys keys;
    private final List<Resealing> resealings;
    private final ClusterEvents cluster;
    private final TransactionTemplate transaction;
    private final TamizdatSettings settings;
    private final SecureRandom random = new SecureRandom();

    KeyRotation(
            Keys keys,
            List<Resealing> resealings,
            ClusterEvents cluster,
            TransactionTemplate transaction,
            TamizdatSettings settings) {
        this.keys = keys;
        this.resealings = resealings;
        this.cluster = cluster;
        this.transaction = transaction;
        this.settings = settings;
    }

    /** One key rotated: what was done to the data it sealed, and whether its new value must be set by hand. */
    public record Rotated(String setting, List<String> done, boolean setByOperator) {}

    /** A rotation that was not started: nothing changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** The settings of the keys this site holds. */
    public List<String> settings() {
        return keys.loaded().keySet().stream().sorted().toList();
    }

    /** Rotates the keys of {@code chosen} (settings); where the new keys must be set by hand, see {@link #envFile}. */
    public List<Rotated> rotate(Collection<String> chosen) throws IOException {
        Map<String, Keys.Loaded> loaded = keys.loaded();
        for (String setting : chosen) {
            if (!loaded.containsKey(setting)) {
                throw new Refused(
                        "There is no key " + setting + ": the site's keys are " + String.join(", ", settings()));
            }
        }
        int others = cluster.otherNodes();
        // a node stopped a moment ago may still be leaving the database
        for (int wait = 0; others > 0 && wait < 10; wait++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            others = cluster.otherNodes();
        }
        if (others > 0) {
            throw new Refused(others + (others == 1 ? " other node uses" : " other nodes use")
                    + " this database: stop every node before rotating keys, or it keeps sealing with the old ones");
        }
        var fresh = new TreeMap<String, byte[]>();
        for (String setting : chosen) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            fresh.put(setting, key);
        }
        Path env = envFile();
        write(env, fresh);
        List<Rotated> rotated;
        try {
            rotated = transaction.execute(status -> {
                var done = new ArrayList<Rotated>();
                fresh.forEach((setting, key) -> {
                    var old = loaded.get(setting);
                    var lines = new ArrayList<String>();
                    for (var resealing : resealings) {
                        if (resealing.setting().equals(setting)) {
                            lines.addAll(resealing.reseal(old.key(), key));
                        }
                    }
                    keys.record(setting, key);
                    done.add(new Rotated(setting, List.copyOf(lines), old.fromSetting()));
                });
                return done;
            });
        } catch (RuntimeException failed) {
            Files.deleteIfExists(env);
            throw failed;
        }
        var byOperator = new TreeMap<String, byte[]>();
        fresh.forEach((setting, key) -> {
            var old = loaded.get(setting);
            if (old.fromSetting()) {
                byOperator.put(setting, key);
            } else {
                KeyFiles.write(old.file(), key);
            }
        });
        if (byOperator.isEmpty()) {
            Files.delete(env);
        } else {
            write(env, byOperator);
        }
        return List.copyOf(java.util.Objects.requireNonNull(rotated));
    }

    /** Where the new keys a node takes from its environment are written, for the operator. */
    public Path envFile() {
        return settings.dataDir().resolve(ROTATED_KEYS);
    }

    private static void write(Path env, Map<String, byte[]> keys) throws IOException {
        var lines = new StringBuilder();
        keys.forEach((setting, key) -> lines.append(setting)
                .append('=')
                .append(HexFormat.of().formatHex(key))
                .append('\n'));
        KeyFiles.writePrivate(env, lines.toString(), true);
    }
}
