package press.tamizdat.newsroom;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238, as every authenticator app does them): HMAC-SHA1, six
 * digits, 30-second steps, and one step of clock drift either way. Written here rather than taken
 * from a library because it is the RFC's few lines over the JDK's HMAC, checked against the RFC's
 * own test vectors, and the libraries bring QR and storage layers of their own we do not want.
 */
final class Totp {

    static final int SECRET_BYTES = 20;
    static final int STEP_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final int DRIFT_STEPS = 1;

    private Totp() {}

    /** A new random secret, in base32 as authenticator apps take it. */
    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** Whether {@code base32} is a secret we accept: valid base32 of at least 80 bits (16 characters). */
    static boolean isValidSecret(String base32) {
        String clean = normalizeSecret(base32);
        return clean.length() >= 16 && clean.matches("[A-Z2-7]+");
    }

    static String normalizeSecret(String base32) {
        return base32.replaceAll("[\\s=-]", "").toUpperCase(Locale.ROOT);
    }

    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for {@code step}, zero-padded to six digits. */
    static String code(String base32Secret, long step) {
        return code(new Base32().decode(normalizeSecret(base32Secret)), step, "HmacSHA1", DIGITS);
    }

    static String code(byte[] secret, long step, String algorithm, int digits) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            int otp = binary % (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", otp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The time step {@code code} belongs to, if it is right for {@code now} give or take one step and
     * later than {@code lastStep} (a code, once accepted, is not accepted again); else empty.
     */
    static OptionalLong accept(String base32Secret, String code, Instant now, long lastStep) {
        String digits = code.replaceAll("\\s", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            if (step > lastStep
                    && MessageDigest.isEqual(
                            code(base32Secret, step).getBytes(StandardCharsets.US_ASCII),
                            digits.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The address an authenticator app reads from the QR code (Key Uri Format). */
    static String uri(String issuer, String account, String base32Secret) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + normalizeSecret(base32Secret)
                + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
