package press.tamizdat.privacy;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import press.tamizdat.web.MirrorReads;

/**
 * Simple rules for whether a request is a person reading, and where they came from. Nothing about
 * the request is kept: the rules look at it and forget it.
 */
final class Readers {

    /**
     * Words in the user agents of crawlers, link previews, monitors, feed readers and scripts. Not
     * "telegram" or "whatsapp": their in-app browsers add those words for people reading, and their
     * link previews are caught by "bot" or by not starting as a browser.
     */
    private static final List<String> NOT_PEOPLE = List.of(
            "bot",
            "crawl",
            "spider",
            "slurp",
            "archiver",
            "preview",
            "facebookexternalhit",
            "curl",
            "wget",
            "python",
            "java",
            "go-http",
            "okhttp",
            "httpclient",
            "libwww",
            "headless",
            "lighthouse",
            "monitor",
            "uptime",
            "feed",
            "rss",
            "scan",
            "check");

    private static final List<String> INTERNAL =
            List.of(".local", ".internal", ".lan", ".home", ".corp", ".intranet", ".localhost");

    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

    private static final Pattern HOST = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?");

    private Readers() {}

    /**
     * A person's browser, by the simple rules: a browser's user agent with no robot's word in it, a
     * GET that is not a prefetch (the page may never be seen), and not the mirror reading its own site.
     */
    static boolean isPerson(HttpServletRequest request) {
        if (!request.getMethod().equals("GET") || MirrorReads.isMirrorRead(request)) {
            return false;
        }
        if (prefetch(request.getHeader("Sec-Purpose")) || prefetch(request.getHeader("Purpose"))) {
            return false;
        }
        String agent = request.getHeader("User-Agent");
        if (agent == null || !agent.startsWith("Mozilla/")) {
            return false;
        }
        String lower = agent.toLowerCase(Locale.ROOT);
        return NOT_PEOPLE.stream().noneMatch(lower::contains);
    }

    private static boolean prefetch(@Nullable String purpose) {
        return purpose != null && purpose.toLowerCase(Locale.ROOT).contains("prefetch");
    }

    /**
     * The host of the site a reader came from, or null when they came from our own pages, typed
     * the address, or the referrer cannot be read. Never the path or query, which can say who the
     * reader is (a webmail's message id, a search).
     */
    static @Nullable String referringHost(HttpServletRequest request) {
        String referrer = request.getHeader("Referer");
        if (referrer == null || referrer.length() > 2_000) {
            return null;
        }
        String host;
        try {
            host = URI.create(referrer.strip()).getHost();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
        if (host == null) {
            return null;
        }
        host = withoutWww(host);
        String ours = withoutWww(request.getServerName());
        // an address in numbers, a name without a dot or an internal one is no public site's, and
        // may name a reader's own network (an office, a ministry's intranet)
        if (host.equals(ours)
                || !HOST.matcher(host).matches()
                || NUMERIC.matcher(host).matches()
                || !host.contains(".")
                || INTERNAL.stream().anyMatch(host::endsWith)) {
            return null;
        }
        return host;
    }

    private static String withoutWww(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("www.") ? lower.substring(4) : lower;
    }
}
