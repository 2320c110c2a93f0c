package press.tamizdat.newsroom;

import java.time.Instant;

/** Codes as an authenticator app makes them, for tests in other packages. */
public final class TotpCodes {

    private TotpCodes() {}

    public static String code(String base32Secret, long step) {
        return Totp.code(base32Secret, step);
    }

    public static long step(Instant at) {
        return Totp.step(at);
    }
}
