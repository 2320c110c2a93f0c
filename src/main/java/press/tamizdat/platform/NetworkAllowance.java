package press.tamizdat.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How often one network may do something a minute (sign up, start a checkout): IPv4 addresses
 * count by /24 and IPv6 by /48, so one client cannot dodge the count by changing addresses. The
 * address is held here, in memory, for a minute and never stored. Allowances are generous,
 * because readers behind one Tor exit or one proxy share them.
 */
public final class NetworkAllowance {

    private final int perMinute;
    private final Cache<String, AtomicInteger> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(100_000)
            .build();

    public NetworkAllowance(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts one more from the request's network; false once it has had its allowance this minute. */
    public boolean take(HttpServletRequest request) {
        var count = recent.get(network(request.getRemoteAddr()), key -> new AtomicInteger());
        return count.incrementAndGet() <= perMinute;
    }

    /** The network an address counts in: its IPv4 /24 or IPv6 /48. */
    public static String network(String address) {
        if (address.contains(":")) {
            String[] groups = address.split(":", -1);
            return String.join(":", Arrays.copyOf(groups, Math.min(3, groups.length)));
        }
        int last = address.lastIndexOf('.');
        return last < 0 ? address : address.substring(0, last);
    }
}
