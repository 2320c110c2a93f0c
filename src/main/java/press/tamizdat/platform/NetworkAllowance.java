package press.tamizdat.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;

/**
 * How often one network may do something a minute (sign up, start a checkout): IPv4 addresses
 * count by /24 and IPv6 by /48, so one client cannot dodge the count by changing addresses.
 * Allowances are generous, because readers behind one Tor exit or one proxy share them. Every node
 * counts into the same rows ({@link NetworkAllowances}), so a load balancer multiplies nothing.
 */
public final class NetworkAllowance {

    private final NetworkAllowances counts;
    private final String purpose;
    private final int perMinute;

    NetworkAllowance(NetworkAllowances counts, String purpose, int perMinute) {
        this.counts = counts;
        this.purpose = purpose;
        this.perMinute = perMinute;
    }

    /** Counts one more from the request's network; false once it has had its allowance this minute. */
    public boolean take(HttpServletRequest request) {
        return counts.take(purpose, network(request.getRemoteAddr()), perMinute);
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
