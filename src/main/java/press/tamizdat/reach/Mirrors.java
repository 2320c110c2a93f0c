package press.tamizdat.reach;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import press.tamizdat.platform.Heard;
import press.tamizdat.platform.Rejoined;
import press.tamizdat.web.MirrorAddresses;
import press.tamizdat.web.PublicPaths;

/**
 * The outlet's other addresses: mirrors (copies on other domains) and an onion address. Pages,
 * feeds and newsletters show them, so readers learn the next address before the current one is
 * blocked. Read often and changed rarely, they are kept in memory for a short while.
 */
@Service
public class Mirrors implements MirrorAddresses {

    static final int MAX_MIRRORS = 20;
    private static final Duration FRESH_FOR = Duration.ofSeconds(30);
    /** A v3 onion service address: 56 base32 characters. */
    private static final Pattern ONION = Pattern.compile("[a-z2-7]{56}\\.onion");

    private final JdbcClient db;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ReachSettings settings;
    private volatile @Nullable Snapshot snapshot;

    Mirrors(JdbcClient db, Clock clock, ApplicationEventPublisher events, ReachSettings settings) {
        this.settings = settings;
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    private record Snapshot(
            List<String> mirrors,
            List<String> advertised,
            @Nullable String onion,
            Instant readAt) {}

    /** The mirrors' addresses, in the newsroom's order. */
    public List<String> mirrors() {
        return current().mirrors();
    }

    /** The mirrors readers are told of: those whose last check found a fresh copy, or not checked yet. */
    public List<String> advertised() {
        return current().advertised();
    }

    /** The onion service's address ({@code http://….onion}), if the outlet has one. */
    public Optional<String> onion() {
        return Optional.ofNullable(current().onion());
    }

    @Override
    public Optional<String> askByEmail() {
        var mailbox = settings.autoresponder();
        return mailbox.enabled() && !mailbox.address().isBlank() ? Optional.of(mailbox.address()) : Optional.empty();
    }

    @Override
    public Optional<String> onFirstMirror(String sitePath) {
        int hash = sitePath.indexOf('#');
        String path = hash < 0 ? sitePath : sitePath.substring(0, hash);
        String fragment = hash < 0 ? "" : sitePath.substring(hash);
        // search, the newsroom and the other live-only pages have no copy
        if (PublicPaths.isLiveOnly(path.replaceFirst("\\?.*$", ""))) {
            return Optional.empty();
        }
        // a mirror is a folder of files: the page's own file, which any static host serves
        return advertised().stream().findFirst().map(mirror -> mirror + "/" + MirrorLinks.fileFor(path) + fragment);
    }

    @Override
    public Optional<String> onOnion(String sitePath) {
        // the onion service is this application itself, under another address
        return onion().map(onion -> onion + sitePath);
    }

    @Override
    public List<String> all() {
        var all = new ArrayList<>(advertised());
        onion().ifPresent(all::add);
        return all;
    }

    private Snapshot current() {
        var now = clock.instant();
        var found = snapshot;
        if (found == null || found.readAt().plus(FRESH_FOR).isBefore(now)) {
            var rows = db.sql("SELECT kind, address FROM reach_address ORDER BY kind, position")
                    .query((rs, n) -> Map.entry(rs.getString("kind"), rs.getString("address")))
                    .list();
            var mirrors = rows.stream()
                    .filter(row -> row.getKey().equals("MIRROR"))
                    .map(Map.Entry::getValue)
                    .toList();
            String onion = rows.stream()
                    .filter(row -> row.getKey().equals("ONION"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            var failing = db.sql("SELECT address FROM mirror_health WHERE state <> :fresh")
                    .param("fresh", MirrorHealth.State.FRESH.name())
                    .query(String.class)
                    .set();
            var advertised = mirrors.stream()
                    .filter(address -> !failing.contains(address))
                    .toList();
            found = new Snapshot(mirrors, advertised, onion, now);
            snapshot = found;
        }
        return found;
    }

    /** What the newsroom typed, checked: the addresses to keep, or a message per problem. */
    record Checked(List<String> mirrors, @Nullable String onion, Map<String, String> problems) {}

    /** Checks the newsroom's form: one mirror address per line (http or https), and an onion address. */
    static Checked check(String mirrorLines, String onionAddress) {
        var problems = new LinkedHashMap<String, String>();
        var mirrors = new ArrayList<String>();
        for (String line : mirrorLines.split("\\R")) {
            String address = line.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (!isWebAddress(address)) {
                problems.put("mirrors", "mirrors.error.address");
                break;
            }
            String clean = address.replaceAll("/+$", "");
            if (!mirrors.contains(clean)) {
                mirrors.add(clean);
            }
        }
        if (mirrors.size() > MAX_MIRRORS) {
            problems.put("mirrors", "mirrors.error.too-many");
        }
        String onion = null;
        String typed = onionAddress
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceFirst("^https?://", "")
                .replaceAll("/+$", "");
        if (!typed.isEmpty()) {
            if (!ONION.matcher(typed).matches()) {
                problems.put("onion", "mirrors.error.onion");
            } else {
                onion = "http://" + typed;
            }
        }
        return new Checked(mirrors, onion, problems);
    }

    private static boolean isWebAddress(String address) {
        try {
            var uri = URI.create(address);
            return (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getHost().contains(".")
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && address.length() <= 300);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Before the page cache empties, so no page is rendered again with the old addresses. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onMirrorsChanged(Heard<MirrorsChanged> heard) {
        snapshot = null;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(Rejoined event) {
        snapshot = null;
    }

    /** Reads the addresses and their health anew once the current transaction commits. */
    void forgetAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                snapshot = null;
            }
        });
    }

    /** Replaces the list and the onion address; every page shows the new ones at once. */
    @Transactional
    void save(List<String> mirrors, @Nullable String onion) {
        db.sql("DELETE FROM reach_address").update();
        for (int i = 0; i < mirrors.size(); i++) {
            db.sql("INSERT INTO reach_address (kind, address, position) VALUES ('MIRROR', :address, :position)")
                    .param("address", mirrors.get(i))
                    .param("position", i)
                    .update();
        }
        if (onion != null) {
            db.sql("INSERT INTO reach_address (kind, address, position) VALUES ('ONION', :address, 0)")
                    .param("address", onion)
                    .update();
        }
        // forgotten once the new addresses are committed, and before the page cache empties (its
        // listener runs on the same commit, registered after this): no page renders the old ones
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                snapshot = null;
            }
        });
        events.publishEvent(new MirrorsChanged());
    }
}
