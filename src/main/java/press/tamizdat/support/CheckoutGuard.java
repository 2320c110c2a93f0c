package press.tamizdat.support;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.NetworkAllowance;
import press.tamizdat.platform.NetworkAllowances;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.SingleUse;

/**
 * Guards checkout starts against card-testing bots without a third party's script and without
 * locking out readers who share an address (Tor, one proxy): each network has a generous allowance
 * a minute, and when checkouts surge across the site, a start needs proof of a little work — a
 * puzzle our own script solves in a few seconds — or, without script, a short wait between seeing
 * the form and sending it. Each proof is good once.
 */
@Component
class CheckoutGuard {

    private static final String PURPOSE = "support-checkout-work";

    private final NetworkAllowance allowance;
    private final SupportSettings.Guard settings;
    private final SignedTokens tokens;
    private final JdbcClient db;
    private final SingleUse singleUse;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LoadingCache<Boolean, Boolean> surge;

    CheckoutGuard(
            SupportSettings settings,
            SignedTokens tokens,
            JdbcClient db,
            SingleUse singleUse,
            Clock clock,
            NetworkAllowances allowances) {
        this.allowance = allowances.perMinute("checkout", settings.checkoutsPerMinutePerNetwork());
        this.settings = settings.guard();
        this.tokens = tokens;
        this.db = db;
        this.singleUse = singleUse;
        this.clock = clock;
        // counted in the database, so every node sees the same surge; looked at every few seconds
        this.surge = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(5))
                .build(key -> recentStarts() >= this.settings.surgeStarts());
    }

    /** A puzzle for the form: the signed challenge and how many leading zero bits its answer needs. */
    record Challenge(String token, int bits, long waitSeconds) {}

    /** What the guard says about a start. */
    enum Verdict {
        ALLOWED,
        NETWORK_BUSY,
        PROOF_NEEDED
    }

    /** Whether checkouts are surging, so that starting one needs proof. */
    boolean guarded() {
        return surge.get(Boolean.TRUE);
    }

    /** A fresh challenge while guarded; none otherwise. */
    @Nullable
    Challenge challenge() {
        if (!guarded()) {
            return null;
        }
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String subject = HexFormat.of().formatHex(nonce) + "-" + clock.instant().getEpochSecond();
        return new Challenge(
                tokens.sign(PURPOSE, subject, clock.instant().plus(Duration.ofMinutes(15))),
                settings.workBits(),
                settings.scriptlessWait().toSeconds());
    }

    Verdict check(HttpServletRequest request, String challenge, String answer) {
        if (!allowance.take(request)) {
            return Verdict.NETWORK_BUSY;
        }
        if (!guarded()) {
            return Verdict.ALLOWED;
        }
        var subject = tokens.verify(PURPOSE, challenge, clock.instant());
        if (subject.isEmpty()) {
            return Verdict.PROOF_NEEDED;
        }
        String[] parts = subject.get().split("-", 2);
        Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        boolean worked =
                !answer.isEmpty() && answer.length() <= 20 && leadingZeroBits(challenge, answer) >= settings.workBits();
        boolean waited = !issued.plus(settings.scriptlessWait()).isAfter(clock.instant());
        if (!worked && !waited) {
            return Verdict.PROOF_NEEDED;
        }
        return singleUse.firstUse("work:" + parts[0], issued.plus(Duration.ofMinutes(15)))
                ? Verdict.ALLOWED
                : Verdict.PROOF_NEEDED;
    }

    /** Leading zero bits of SHA-256 over "challenge:answer", as site.js computes it. */
    static int leadingZeroBits(String challenge, String answer) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((challenge + ":" + answer).getBytes(StandardCharsets.UTF_8));
            int bits = 0;
            for (byte b : hash) {
                if (b == 0) {
                    bits += 8;
                    continue;
                }
                bits += Integer.numberOfLeadingZeros(b & 0xff) - 24;
                break;
            }
            return bits;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private int recentStarts() {
        return db.sql("SELECT COUNT(*) FROM checkout WHERE created_at >= :since")
                .param("since", OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofMinutes(10)), ZoneOffset.UTC))
                .query(Integer.class)
                .single();
    }
}
