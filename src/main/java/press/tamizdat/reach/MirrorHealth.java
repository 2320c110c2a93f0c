package press.tamizdat.reach;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.platform.SqlTime;

/**
 * Whether each listed mirror serves a recent copy: its {@code manifest.json} is read and compared
 * with our copy's. A mirror is <b>fresh</b> when it lists the same files as ours, or a copy no
 * further behind than {@code stale-after}; <b>stale</b> when it is further behind (the newsroom
 * sees how old); <b>unreachable</b> when no manifest could be read. Only fresh mirrors, and those
 * not checked yet, are advertised (pages, {@code /mirrors}, feeds, newsletters). A mirror failing
 * for {@code flag-after} is flagged to the admins once, in the audit log and on the Mirrors page.
 * The onion address is not checked: reaching it needs Tor.
 */
@Service
class MirrorHealth {

    private static final Logger log = LoggerFactory.getLogger(MirrorHealth.class);
    private static final int CHECKING_AT_ONCE = 4;
    private static final int MAX_MANIFEST_BYTES = 50 * 1024 * 1024;

    /** A mirror's state at its last check. */
    enum State {
        FRESH,
        STALE,
        UNREACHABLE
    }

    /**
     * A mirror's last check: its state, the time of the copy it serves (from its manifest), what
     * went wrong, when, and since when it has been failing.
     */
    record Check(
            String address,
            State state,
            @Nullable Instant copyFrom,
            @Nullable String detail,
            Instant checkedAt,
            @Nullable Instant failingSince) {

        /** Whether it has failed for {@code flagAfter} or longer by {@code now}. */
        boolean flagged(Duration flagAfter, Instant now) {
            return failingSince != null && !failingSince.plus(flagAfter).isAfter(now);
        }
    }

    private final JdbcClient db;
    private final Mirrors mirrors;
    private final StaticMirror copy;
    private final ReachSettings.Health settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final HttpClient http;

    MirrorHealth(
            JdbcClient db,
            Mirrors mirrors,
            StaticMirror copy,
            ReachSettings settings,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            AuditLog audit) {
        this.db = db;
        this.mirrors = mirrors;
        this.copy = copy;
        this.settings = settings.health();
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
        this.audit = audit;
        this.http = HttpClient.newBuilder()
                .connectTimeout(this.settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The last check of every listed mirror that has been checked, by address. */
    Map<String, Check> all() {
        var checks = new LinkedHashMap<String, Check>();
        db.sql("SELECT address, state, copy_from, detail, checked_at, failing_since FROM mirror_health")
                .query((rs, n) -> new Check(
                        rs.getString("address"),
                        State.valueOf(rs.getString("state")),
                        SqlTime.instant(rs, "copy_from"),
                        rs.getString("detail"),
                        SqlTime.instant(rs, "checked_at"),
                        SqlTime.instant(rs, "failing_since")))
                .list()
                .forEach(check -> checks.put(check.address(), check));
        return checks;
    }

    Duration flagAfter() {
        return settings.flagAfter();
    }

    /** Checks every listed mirror now, a few at once, and keeps what each answered. */
    List<Check> checkAll() {
        if (!settings.enabled()) {
            return List.of();
        }
        var addresses = mirrors.mirrors();
        var ours = ourFiles();
        var now = clock.instant();
        var results = new ArrayList<Check>();
        try (var pool = Executors.newFixedThreadPool(
                CHECKING_AT_ONCE,
                Thread.ofPlatform().daemon().name("mirror-health-", 0).factory())) {
            var pending = new ArrayList<Future<Check>>();
            for (String address : addresses) {
                pending.add(pool.submit(() -> check(address, ours, now)));
            }
            for (var each : pending) {
                results.add(each.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        try {
            keep(results, Set.copyOf(addresses), now);
        } catch (DataIntegrityViolationException checkedAtTheSameTime) {
            // another node (or Check now) stored its round at the same moment; its results stand
            log.debug("Mirror health stored by another check at the same time");
        }
        return results;
    }

    /** Reads one mirror's manifest and says what state its copy is in. */
    private Check check(String address, @Nullable Map<String, MirrorManifest.Entry> ours, Instant now) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(address + "/" + MirrorManifest.NAME))
                            .timeout(settings.timeout())
                            .header("Cache-Control", "no-cache")
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (var in = response.body()) {
                body = in.readNBytes(MAX_MANIFEST_BYTES);
            }
            if (response.statusCode() != 200) {
                return failed(address, "HTTP " + response.statusCode(), now);
            }
            var theirs = MirrorManifest.read(body);
            if (ours == null || theirs.files().equals(ours)) {
                return new Check(address, State.FRESH, theirs.generated(), null, now, null);
            }
            if (theirs.generated() != null
                    && !theirs.generated().plus(settings.staleAfter()).isBefore(now)) {
                return new Check(address, State.FRESH, theirs.generated(), null, now, null);
            }
            return new Check(address, State.STALE, theirs.generated(), null, now, now);
        } catch (IOException | IllegalArgumentException | MirrorManifest.Unreadable e) {
            return failed(address, reason(e), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(address, "interrupted", now);
        }
    }

    private static Check failed(String address, String detail, Instant now) {
        return new Check(address, State.UNREACHABLE, null, detail, now, now);
    }

    private static String reason(Exception e) {
        String kind = e.getClass().getSimpleName();
        String message = e.getMessage();
        String reason = message == null ? kind : kind + ": " + message;
        return reason.length() <= 300 ? reason : reason.substring(0, 300);
    }

    /**
     * Stores the checks (a failure keeps the time it began), forgets mirrors no longer listed,
     * flags those failing long enough, and has every page show the new list of healthy mirrors.
     */
    private void keep(List<Check> checks, Set<String> listed, Instant now) {
        transactions.executeWithoutResult(status -> {
            var before = all();
            db.sql("DELETE FROM mirror_health").update();
            for (var check : checks) {
                var earlier = before.get(check.address());
                Instant failingSince = check.failingSince() == null
                        ? null
                        : earlier != null && earlier.failingSince() != null ? earlier.failingSince() : now;
                var kept =
                        new Check(check.address(), check.state(), check.copyFrom(), check.detail(), now, failingSince);
                db.sql("""
                                INSERT INTO mirror_health (address, state, copy_from, detail, checked_at, failing_since)
                                VALUES (:address, :state, :copyFrom, :detail, :checkedAt, :failingSince)
                                """)
                        .param("address", kept.address())
                        .param("state", kept.state().name())
                        .param("copyFrom", SqlTime.utc(kept.copyFrom()))
                        .param("detail", kept.detail())
                        .param("checkedAt", SqlTime.utc(now))
                        .param("failingSince", SqlTime.utc(kept.failingSince()))
                        .update();
                boolean wasFlagged = earlier != null && earlier.flagged(settings.flagAfter(), earlier.checkedAt());
                if (kept.flagged(settings.flagAfter(), now) && !wasFlagged) {
                    audit.record(
                            "mirror-failing",
                            kept.address() + ": " + kept.state().name().toLowerCase());
                    log.warn("Mirror {} has been {} since {}", kept.address(), kept.state(), kept.failingSince());
                }
            }
            boolean advertisedChanged = checks.stream()
                    .anyMatch(check -> advertised(before.get(check.address())) != (check.state() == State.FRESH));
            if (advertisedChanged || before.keySet().stream().anyMatch(address -> !listed.contains(address))) {
                mirrors.forgetAfterCommit();
                events.publishEvent(new MirrorsChanged());
            }
        });
    }

    private static boolean advertised(@Nullable Check check) {
        return check == null || check.state() == State.FRESH;
    }

    /** The files of our own copy, or null when there is none yet (every mirror then counts as fresh). */
    private @Nullable Map<String, MirrorManifest.Entry> ourFiles() {
        var manifest = copy.folder().resolve(MirrorManifest.NAME);
        try {
            return Files.exists(manifest)
                    ? MirrorManifest.read(Files.readAllBytes(manifest)).files()
                    : null;
        } catch (IOException | MirrorManifest.Unreadable e) {
            return null;
        }
    }
}
