package press.tamizdat.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The static mirror's own reads of the site: not counted as readings and not stored in the page
 * cache (a full export reads every page once). Only a request from this machine carrying this
 * process's secret is one; a header anyone could send would let them switch off counting and
 * caching.
 */
public final class MirrorReads {

    /** The header the mirror's reads carry. */
    public static final String HEADER = "X-Tamizdat-Mirror";

    private static final String SECRET = secretOfThisProcess();

    private MirrorReads() {}

    private static String secretOfThisProcess() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The header's value for this process's reads. */
    public static String secret() {
        return SECRET;
    }

    /** Whether {@code request} is the mirror reading its own site: from this machine, with this process's secret. */
    public static boolean isMirrorRead(HttpServletRequest request) {
        String value = request.getHeader(HEADER);
        return value != null
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), SECRET.getBytes(StandardCharsets.UTF_8))
                && loopback(request.getRemoteAddr());
    }

    private static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }
}
