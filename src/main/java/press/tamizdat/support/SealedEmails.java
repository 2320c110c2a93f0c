package press.tamizdat.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import press.tamizdat.KeyFiles;
import press.tamizdat.TamizdatSettings;

/**
 * Supporters' and reminders' addresses at rest: sealed with AES-256-GCM (a random nonce each time,
 * so equal addresses look unrelated), and found again through an HMAC-SHA256 of the normalised
 * address. Both keys come from the one support key, each for its own purpose.
 */
@Component
class SealedEmails {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec sealing;
    private final SecretKeySpec indexing;

    SealedEmails(SupportSettings settings, TamizdatSettings tamizdat) {
        byte[] key = KeyFiles.key(settings.key(), tamizdat.dataDir().resolve("support.key"));
        if (key.length < 32) {
            throw new IllegalStateException("TAMIZDAT_SUPPORT_KEY must be 32 bytes (64 hex digits)");
        }
        this.sealing = new SecretKeySpec(derive(key, "email-sealing"), "AES");
        this.indexing = new SecretKeySpec(derive(key, "email-index"), "HmacSHA256");
    }

    String seal(String email) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(email.getBytes(StandardCharsets.UTF_8));
            return VERSION
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String open(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a sealed address");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed address does not open with this key", e);
        }
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

    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
