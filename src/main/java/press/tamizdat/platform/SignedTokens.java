package press.tamizdat.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Tokens for links in mail (confirm a subscription, unsubscribe, manage support): a subject and an
 * expiry, signed with HMAC-SHA256 for one purpose, so a token made for one use is refused for
 * another and nobody can make one without the key. The key is {@code TAMIZDAT_SECRET} (hex, at least
 * 32 bytes; every node of a cluster needs the same), or else one generated into the data directory.
 */
@Component
public class SignedTokens {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;

    SignedTokens(TamizdatSettings settings, Keys keys) {
        this.key = keys.load(
                "TAMIZDAT_SECRET", settings.secret(), settings.dataDir().resolve("secret.key"));
        if (key.length < 32) {
            throw new IllegalStateException("TAMIZDAT_SECRET must be at least 32 bytes (64 hex digits)");
        }
    }

    /** A token for {@code subject} (no dots in it), valid for {@code purpose} until {@code expires}. */
    public String sign(String purpose, String subject, Instant expires) {
        if (subject.contains(".")) {
            throw new IllegalArgumentException("A token's subject may not contain a dot");
        }
        String body = subject + "." + expires.getEpochSecond();
        return ENCODE.encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODE.encodeToString(mac(purpose, body));
    }

    /**
     * A keyed fingerprint of {@code value} for {@code purpose}: it finds the same value again (a
     * sender's address, say) without keeping the value, and nobody without the key can reverse it.
     */
    public String fingerprint(String purpose, String value) {
        return ENCODE.encodeToString(mac(purpose, value));
    }

    /** The subject of a token made for {@code purpose}, if its signature holds and it has not expired. */
    public Optional<String> verify(String purpose, String token, Instant now) {
        int dot = token.indexOf('.');
        if (dot < 0 || token.length() > 1000) {
            return Optional.empty();
        }
        try {
            String body = new String(DECODE.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(purpose, body))) {
                return Optional.empty();
            }
            int split = body.lastIndexOf('.');
            long expires = Long.parseLong(body.substring(split + 1));
            if (now.getEpochSecond() > expires) {
                return Optional.empty();
            }
            return Optional.of(body.substring(0, split));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /**
     * One keyed Mac per thread: looking the algorithm up and keying it cost more than the hashing
     * for the short strings signed here (two links in every newsletter copy).
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] mac(String purpose, String body) {
        Mac mac = macs.get();
        mac.reset();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    }
}
