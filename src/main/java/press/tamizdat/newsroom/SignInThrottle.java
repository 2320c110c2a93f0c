package press.tamizdat.newsroom;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.NetworkAllowance;

/**
 * Slows down password and code guessing without telling anyone whether an account exists. Failed
 * attempts are counted per account and client together, per account from anywhere, and per client
 * by how many different accounts failed from it; past an allowance, each further attempt must wait,
 * twice as long after each failure, up to a limit. Counts are kept by the address as typed, so an
 * unknown address is slowed exactly like a real one.
 *
 * <p>Staff behind Tor share exit addresses with each other and with attackers. So guessing at one
 * account slows that account only: the client's own count is of distinct accounts, which an attack
 * on one account never raises. Counts are held in memory (a keyed mark, never the address or
 * client) and forgotten after a quiet hour; with several nodes, each counts for itself.
 */
@Component
class SignInThrottle {

    private record Failures(int count, Instant last) {}

    private final SecuritySettings.Throttle settings;
    private final NewsroomKeys keys;
    private final Clock clock;
    private final Cache<String, Failures> failures;
    private final Cache<String, Set<String>> accountsFailedByClient;

    SignInThrottle(SecuritySettings settings, NewsroomKeys keys, Clock clock) {
        this.settings = settings.throttle();
        this.keys = keys;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .expireAfterWrite(this.settings.forgetAfter())
                .maximumSize(200_000)
                .build();
        this.accountsFailedByClient = Caffeine.newBuilder()
                .expireAfterWrite(this.settings.forgetAfter())
                .maximumSize(100_000)
                .build();
    }

    /** How long an attempt at {@code email} from {@code address} must still wait; zero when it may go ahead. */
    Duration waitFor(String email, String address) {
        String account = account(email);
        String client = client(address);
        Instant now = clock.instant();
        Duration longest = max(
                wait(failures.getIfPresent("pair:" + account + ":" + client), settings.perAccountAndClient(), now),
                wait(failures.getIfPresent("account:" + account), settings.perAccount(), now));
        var accounts = accountsFailedByClient.getIfPresent(client);
        if (accounts != null && accounts.size() >= settings.perClient() && !accounts.contains(account)) {
            // counted only past the allowance of distinct accounts: each such failure doubles the wait
            longest = max(longest, wait(failures.getIfPresent("client:" + client), 1, now));
        }
        return longest;
    }

    /** A wrong password or second factor for {@code email} from {@code address}. */
    void failed(String email, String address) {
        String account = account(email);
        String client = client(address);
        Instant now = clock.instant();
        count("pair:" + account + ":" + client, now);
        count("account:" + account, now);
        var accounts = accountsFailedByClient.get(client, key -> ConcurrentHashMap.newKeySet());
        // the client's count grows only with accounts not tried from it before: guessing at one
        // account, however often, never slows the colleagues who share its address
        boolean another = accounts.size() < settings.perClient() * 4 && accounts.add(account);
        if (another && accounts.size() >= settings.perClient()) {
            count("client:" + client, now);
        }
    }

    /** A full sign-in: this client's count for this account starts again. */
    void succeeded(String email, String address) {
        failures.invalidate("pair:" + account(email) + ":" + client(address));
    }

    private void count(String key, Instant now) {
        failures.asMap().merge(key, new Failures(1, now), (before, one) -> new Failures(before.count() + 1, now));
    }

    private Duration wait(@Nullable Failures seen, int allowance, Instant now) {
        if (seen == null || seen.count() < allowance) {
            return Duration.ZERO;
        }
        int doublings = Math.min(seen.count() - allowance, 30);
        Duration delay = settings.firstDelay().multipliedBy(1L << doublings);
        if (delay.compareTo(settings.longestDelay()) > 0) {
            delay = settings.longestDelay();
        }
        Duration left = Duration.between(now, seen.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private String account(String email) {
        return keys.mark("throttle-account", StaffAccounts.normalize(email));
    }

    private String client(String address) {
        return keys.mark("throttle-client", NetworkAllowance.network(address));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
