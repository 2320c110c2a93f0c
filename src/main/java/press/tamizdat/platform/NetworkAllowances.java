package press.tamizdat.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts per network and minute in the database, shared by every node. A network is written as a
 * keyed mark (HMAC with a random salt the installation makes once), never as itself, and its rows
 * go once the following minute is over: what stays is a count of the last two minutes. The
 * allowance is a sliding minute: the last minute's count weighs as much as is left of it, so a
 * burst across the turn of a minute is counted whole.
 */
@Component
public class NetworkAllowances {

    private final JdbcClient db;
    private final Clock clock;
    private final AtomicLong forgottenBefore = new AtomicLong();
    private volatile @Nullable SecretKeySpec salt;

    NetworkAllowances(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** An allowance of {@code perMinute} for one kind of request, named by {@code purpose}. */
    public NetworkAllowance perMinute(String purpose, int perMinute) {
        return new NetworkAllowance(this, purpose, perMinute);
    }

    boolean take(String purpose, String network, int perMinute) {
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        double leftOfLast = 1 - (now.getEpochSecond() % 60 + now.getNano() / 1e9) / 60;
        String mark = mark(purpose, network);
        forgetBefore(minute - 1);
        count(minute, mark);
        int current = uses(minute, mark);
        int last = uses(minute - 1, mark);
        return last * leftOfLast + current <= perMinute;
    }

    private void count(long minute, String mark) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = db.sql("UPDATE network_count SET uses = uses + 1 WHERE slot = :minute AND mark = :mark")
                    .param("minute", minute)
                    .param("mark", mark)
                    .update();
            if (updated == 1
                    || db.sql("""
                                            INSERT INTO network_count (slot, mark, uses)
                                            VALUES (:minute, :mark, 1) ON CONFLICT DO NOTHING
                                            """).param("minute", minute).param("mark", mark).update() == 1) {
                return;
            }
            // another node wrote the row in between: count on it
        }
    }

    private int uses(long minute, String mark) {
        return db.sql("SELECT uses FROM network_count WHERE slot = :minute AND mark = :mark")
                .param("minute", minute)
                .param("mark", mark)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Once a minute on each node: the rows of minutes no allowance looks at any more. */
    private void forgetBefore(long minute) {
        long before = forgottenBefore.get();
        if (before < minute && forgottenBefore.compareAndSet(before, minute)) {
            db.sql("DELETE FROM network_count WHERE slot < :minute")
                    .param("minute", minute)
                    .update();
        }
    }

    private String mark(String purpose, String network) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(salt());
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(network.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The installation's salt: made by the first node that needs it, read by the others. */
    private SecretKeySpec salt() {
        var known = salt;
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            db.sql("INSERT INTO network_salt (id, salt) VALUES (1, :salt) ON CONFLICT DO NOTHING")
                    .param("salt", HexFormat.of().formatHex(fresh))
                    .update();
            String stored = db.sql("SELECT salt FROM network_salt WHERE id = 1")
                    .query(String.class)
                    .single();
            known = new SecretKeySpec(HexFormat.of().parseHex(stored), "HmacSHA256");
            salt = known;
        }
        return known;
    }
}
