package press.tamizdat.newsroom;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.Sealer;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The newsroom's secret key ({@code TAMIZDAT_SECURITY_KEY}, else {@code newsroom.key} in the data
 * directory) and what is made from it, one derived key per use: keyed marks (sessions and clients
 * in the audit log, recovery codes, sign-in counters) and the seal on TOTP secrets.
 */
@Component
class NewsroomKeys {

    private final SecretKeySpec marking;
    private final Sealer totpSecrets;

    NewsroomKeys(TamizdatSettings settings, SecuritySettings security, Keys keys) {
        byte[] key = keys.load(
                "TAMIZDAT_SECURITY_KEY", security.key(), settings.dataDir().resolve("newsroom.key"));
        if (key.length < 32) {
            throw new IllegalStateException("TAMIZDAT_SECURITY_KEY must be 32 bytes (64 hex digits)");
        }
        this.marking = new SecretKeySpec(Sealer.derive(key, "marks"), "HmacSHA256");
        this.totpSecrets = totpSealer(key);
    }

    /** The seal on TOTP secrets that {@code key} makes. */
    static Sealer totpSealer(byte[] key) {
        return new Sealer(key, "totp-secrets");
    }

    /** A keyed mark of {@code value} for {@code purpose}: equal inputs give equal marks; none reads back. */
    String mark(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(marking);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Sealer totpSecrets() {
        return totpSecrets;
    }
}
