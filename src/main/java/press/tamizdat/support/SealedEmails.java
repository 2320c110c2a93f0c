package press.tamizdat.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.Sealer;
import press.tamizdat.platform.TamizdatSettings;

/**
 * Supporters' and reminders' addresses at rest: sealed with AES-256-GCM (a random nonce each time,
 * so equal addresses look unrelated), and found again through an HMAC-SHA256 of the normalised
 * address. Both keys come from the one support key, each for its own purpose.
 */
@Component
class SealedEmails {

    private final Sealer sealer;
    private final SecretKeySpec indexing;

    @Autowired
    SealedEmails(SupportSettings settings, TamizdatSettings tamizdat, Keys keys) {
        byte[] key = keys.load(
                "TAMIZDAT_SUPPORT_KEY", settings.key(), tamizdat.dataDir().resolve("support.key"));
        if (key.length < 32) {
            throw new IllegalStateException("TAMIZDAT_SUPPORT_KEY must be 32 bytes (64 hex digits)");
        }
        this.sealer = new Sealer(key, "email-sealing");
        this.indexing = new SecretKeySpec(Sealer.derive(key, "email-index"), "HmacSHA256");
    }

    private SealedEmails(byte[] key) {
        this.sealer = new Sealer(key, "email-sealing");
        this.indexing = new SecretKeySpec(Sealer.derive(key, "email-index"), "HmacSHA256");
    }

    /** The seal and index that {@code key} makes (for a rotation, which holds two keys at once). */
    static SealedEmails with(byte[] key) {
        return new SealedEmails(key);
    }

    String seal(String email) {
        return sealer.seal(email);
    }

    String open(String sealed) {
        return sealer.open(sealed);
    }

    /** The same for every spelling of one address ({@code A@Example.org } and {@code a@example.org}). */
    String index(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexing);
            return HexFormat.of()
                    .formatHex(
                            mac.doFinal(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
