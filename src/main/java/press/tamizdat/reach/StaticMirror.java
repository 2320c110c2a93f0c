package press.tamizdat.reach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.MirrorReads;
import press.tamizdat.web.PublicPaths;

/**
 * Writes the public site into a folder as static files with relative links only, so the copy
 * works unchanged from any domain, an onion service, or a folder opened from disk. Pages are
 * fetched from this application over the loopback interface (so they are exactly what readers
 * get, cached pages included), their links rewritten to point at files of the copy, and written
 * only when their content changed. {@code manifest.json} lists every file with its SHA-256.
 *
 * <p>What only works on the live site is left out of the copy: the newsroom, search, pages about
 * one reader; a link to them is kept as text. The forms a reader sends (the newsletter signup, the
 * contribution form, "Remind me later") stay, posting to the live forms address
 * ({@code TAMIZDAT_FORMS_URL}), which answers them.
 * After a publish, {@link #exportChanges} renders the changed articles, the lists of their sections,
 * the front pages, feeds and sitemaps again, and keeps the other article pages and sections as they
 * are (a full export, nightly, refreshes the older pages' "read more" lists). Pages are fetched a
 * few at a time.
 *
 * <p>Longer than our other classes on purpose: one run of the copy (its queue, the files before and
 * after, what was left out) is one piece of state that the crawl, the waves of fetches and the
 * writing share; the link rewriting ({@link MirrorLinks}), the folder ({@link MirrorFolder}) and
 * the manifest ({@link MirrorManifest}) are already their own.
 */
@Component
class StaticMirror {

    private static final Logger log = LoggerFactory.getLogger(StaticMirror.class);

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    private static final int FETCHING_AT_ONCE = 4;
    /** The most pages (and media files) held in memory between fetching and writing. */
    private static final int WAVE = 64;

    private final ReachSettings.Mirror settings;
    private final String siteBase;
    private final String formsBase;
    private final MirrorChanges changes;
    private final Clock clock;
    private final MirrorSkips skips;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile int port;

    StaticMirror(
            ReachSettings reach, TamizdatSettings tamizdat, MirrorChanges changes, Clock clock, MirrorSkips skips) {
        this.settings = reach.mirror();
        this.skips = skips;
        this.siteBase = tamizdat.site().url().toString().replaceAll("/+$", "");
        this.formsBase = tamizdat.site().formsBase();
        this.changes = changes;
        this.clock = clock;
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        // the application's own server, not a separate management server
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /**
     * What an export did: pages and files fetched, files written (changed), files removed, time
     * taken, and the pages it had to leave out.
     */
    record Result(int fetched, int written, int removed, Duration took, List<MirrorSkips.Skip> skipped) {}

    Path folder() {
        return settings.folder();
    }

    boolean hasCopy() {
        return Files.exists(settings.folder().resolve(MirrorManifest.NAME));
    }

    /** Writes the whole site again (only changed files touch the disk); removes files no page needs any more. */
    synchronized Result exportAll() {
        changes.drain();
        return export(null);
    }

    /** Brings the copy up to date after publishing: the changed articles, every listing, feed and sitemap. */
    synchronized Result exportChanges() {
        if (!hasCopy()) {
            return exportAll();
        }
        var changed = changes.drain();
        try {
            return export(changed);
        } catch (RuntimeException failed) {
            // noted again, for the next update: a failure loses no change
            changed.forEach(changes::note);
            throw failed;
        }
    }

    private volatile @Nullable Instant failedAt;

    /** After a failed export the job waits a minute before trying again, rather than every second. */
    boolean failedRecently() {
        var at = failedAt;
        return at != null && at.plus(Duration.ofMinutes(1)).isAfter(clock.instant());
    }

    private Result export(@Nullable Set<String> changed) {
        try {
            var result = exportOrFail(changed);
            failedAt = null;
            return result;
        } catch (RuntimeException failed) {
            failedAt = clock.instant();
            log.warn("The mirror could not be written: {}", failed.getMessage());
            throw failed;
        }
    }

    private Result exportOrFail(@Nullable Set<String> changed) {
        if (port == 0) {
            log.warn("The mirror is not written: this application serves no HTTP to read its pages from");
            return new Result(0, 0, 0, Duration.ZERO, List.of());
        }
        Instant started = clock.instant();
        var folder = new MirrorFolder(settings.folder());
        var copy = new Copy(changed, folder, new MirrorLinks(siteBase, "http://127.0.0.1:" + port, formsBase));
        while (copy.hasMore()) {
            // a wave: what is queued now, up to WAVE pages, is fetched at once (the application
            // renders in parallel), then handled in order, which queues more; the bound keeps a
            // big site's pages and media from all being held in memory at once
            var wave = copy.nextWave();
            var pages = fetchAll(wave);
            for (int i = 0; i < wave.size(); i++) {
                copy.take(wave.get(i), pages.get(i));
            }
        }
        copy.finish();
        skips.record(changed == null ? null : copy.read, copy.skipped);
        var result = new Result(
                copy.fetched,
                copy.written,
                copy.removed,
                Duration.between(started, clock.instant()),
                List.copyOf(copy.skipped));
        log.info(
                "Mirror {}: {} fetched, {} written, {} removed, {} left out, in {} ms",
                changed == null ? "export" : "update",
                result.fetched(),
                result.written(),
                result.removed(),
                result.skipped().size(),
                result.took().toMillis());
        return result;
    }

    /**
     * One export or update under way: the paths still to read, the files the copy holds so far,
     * and what was done. A full export ({@code changed} null) starts empty and clears out what no
     * page links to any more; an update starts from the copy as it was and keeps what it does not
     * read again.
     */
    private final class Copy {

        private final @Nullable Set<String> changed;
        private final MirrorFolder folder;
        private final Map<String, MirrorManifest.Entry> before;
        private final TreeMap<String, MirrorManifest.Entry> after;
        private final MirrorLinks links;
        private final ArrayDeque<String> queue = new ArrayDeque<>(PublicPaths.MIRROR_SEEDS);
        private final Set<String> seen = new HashSet<>(PublicPaths.MIRROR_SEEDS);
        /** The page each path was first found on, to tell an editor where a link that cannot be copied is. */
        private final Map<String, String> linkedFrom = new HashMap<>();

        private final List<String> read = new ArrayList<>();
        private final List<MirrorSkips.Skip> skipped = new ArrayList<>();
        private int fetched;
        private int written;
        private int removed;

        Copy(@Nullable Set<String> changed, MirrorFolder folder, MirrorLinks links) {
            this.changed = changed;
            this.folder = folder;
            this.before = folder.manifest();
            this.after = new TreeMap<>(changed == null ? Map.of() : before);
            this.links = links;
            if (changed != null) {
                changed.stream()
                        .filter(path -> !path.equals(MirrorChanges.EVERY_SECTION))
                        .filter(seen::add)
                        .forEach(queue::add);
            }
        }

        boolean hasMore() {
            return !queue.isEmpty();
        }

        /** The next paths to read, up to a wave of them; an update skips what it keeps. */
        List<String> nextWave() {
            var wave = new ArrayList<String>();
            while (!queue.isEmpty() && wave.size() < WAVE) {
                String path = queue.poll();
                if (!keeps(path, changed, before)) {
                    wave.add(path);
                }
            }
            fetched += wave.size();
            read.addAll(wave);
            return wave;
        }

        /**
         * Takes in one page as read: writes its file if it changed, and queues what it links to. A
         * page that cannot be copied is left out and reported; it never stops the rest of the copy.
         */
        void take(String path, Fetched page) {
            String file = MirrorLinks.fileFor(path);
            if (page.unreadable()) {
                // not readable now (an error, a timeout): the copy keeps what it had
                skip(path, MirrorSkips.Reason.UNREADABLE);
                if (before.containsKey(file)) {
                    after.put(file, before.get(file));
                }
                return;
            }
            if (page.gone()) {
                // gone (an unpublished article answers 410): its copy goes too
                if (after.remove(file) != null) {
                    folder.delete(file);
                    removed++;
                }
                return;
            }
            String clash = clash(after, file);
            if (clash != null) {
                log.warn("The mirror leaves out {}: its file {} collides with {}", path, file, clash);
                skip(path, MirrorSkips.Reason.COLLIDES);
                return;
            }
            byte[] body = page.body();
            List<String> found;
            if (page.type().startsWith("text/html")) {
                var document = Jsoup.parse(new String(body, StandardCharsets.UTF_8), siteBase + path);
                found = links.rewrite(document, file);
                document.outputSettings().prettyPrint(false);
                body = document.outerHtml().getBytes(StandardCharsets.UTF_8);
            } else if (PublicPaths.isApi(path) && page.type().startsWith("application/json")) {
                var document = JSON.readTree(body);
                found = links.rewriteJson(document, file);
                body = JSON.writeValueAsBytes(document);
            } else if (path.endsWith(".xml") && path.contains("sitemap")) {
                found = links.sitemapLinks(new String(body, StandardCharsets.UTF_8));
            } else {
                found = List.of();
            }
            for (String link : found) {
                if (seen.add(link)) {
                    queue.add(link);
                    linkedFrom.put(link, path);
                }
            }
            var entry = MirrorManifest.Entry.of(body);
            if (!entry.equals(before.get(file)) || !folder.holds(file)) {
                try {
                    folder.write(file, body);
                } catch (UncheckedIOException | IllegalStateException unwritable) {
                    log.warn("The mirror leaves out {}: {}", path, unwritable.getMessage());
                    skip(path, MirrorSkips.Reason.UNWRITABLE);
                    return;
                }
                written++;
            }
            after.put(file, entry);
        }

        private void skip(String path, MirrorSkips.Reason reason) {
            skipped.add(skips.skip(path, reason, linkedFrom.get(path)));
        }

        /** A full export removes the files no page links to any more; then the manifest is written, last. */
        void finish() {
            if (changed == null) {
                for (String file : before.keySet()) {
                    if (!after.containsKey(file)) {
                        folder.delete(file);
                        removed++;
                    }
                }
            }
            folder.write(MirrorManifest.NAME, MirrorManifest.of(after, clock.instant()));
        }
    }

    /**
     * Whether an update keeps a file as it is: an article page (full or light) or media already in
     * the copy that did not change, or a section listing of a section where nothing changed.
     */
    private static boolean keeps(String path, @Nullable Set<String> changed, Map<String, MirrorManifest.Entry> before) {
        if (changed == null || changed.contains(path) || !before.containsKey(MirrorLinks.fileFor(path))) {
            return false;
        }
        if (PublicPaths.isArticle(path) || PublicPaths.isMedia(path)) {
            return true;
        }
        if (path.startsWith(PublicPaths.API_ARTICLES + "/")) {
            // an article's API document changes with the article, which names it among the changes
            return true;
        }
        return PublicPaths.sectionOf(path)
                .filter(section -> !changed.contains(MirrorChanges.EVERY_SECTION)
                        && !changed.contains(PublicPaths.section(section)))
                .isPresent();
    }

    /**
     * The file of the copy that {@code file} cannot stand beside: one at a folder it needs
     * ({@code rss.xml} for {@code rss.xml/page/2/index.html}), or one inside it. Null when free.
     */
    static @Nullable String clash(NavigableMap<String, ?> files, String file) {
        for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
            String folderPath = file.substring(0, slash);
            if (files.containsKey(folderPath)) {
                return folderPath;
            }
        }
        String inside = files.ceilingKey(file + "/");
        return inside != null && inside.startsWith(file + "/") ? inside : null;
    }

    /** A page as read: its body and type, or that it is gone (404, 410), or that it could not be read now. */
    private record Fetched(byte[] body, String type, boolean gone, boolean unreadable) {
        static final Fetched GONE = new Fetched(new byte[0], "", true, false);
        static final Fetched UNREADABLE = new Fetched(new byte[0], "", false, true);
    }

    /**
     * Fetches the pages of a wave a few at a time: two cores render while the others wait on I/O. A
     * pool this small gains nothing from virtual threads, and platform threads cannot be starved of
     * a carrier by requests pinning them during start-up.
     */
    private List<Fetched> fetchAll(List<String> paths) {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(
                FETCHING_AT_ONCE,
                Thread.ofPlatform().daemon().name("mirror-", 0).factory())) {
            var futures =
                    paths.stream().map(path -> pool.submit(() -> fetch(path))).toList();
            var pages = new java.util.ArrayList<Fetched>(paths.size());
            for (var future : futures) {
                pages.add(future.get());
            }
            return pages;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the site", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private Fetched fetch(String path) {
        try {
            URI address;
            try {
                address = URI.create("http://127.0.0.1:" + port + path);
            } catch (IllegalArgumentException notAnAddress) {
                // a link no page of ours can answer (a writer's typo, say): nothing to copy
                return Fetched.UNREADABLE;
            }
            var response = http.send(
                    HttpRequest.newBuilder(address)
                            .timeout(Duration.ofSeconds(60))
                            .header(MirrorReads.HEADER, MirrorReads.secret())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 || response.statusCode() == 410) {
                return Fetched.GONE;
            }
            if (response.statusCode() != 200) {
                log.warn("The mirror could not read {}: it answered {}", path, response.statusCode());
                return Fetched.UNREADABLE;
            }
            return new Fetched(
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    false,
                    false);
        } catch (IOException e) {
            log.warn("The mirror could not read {}: {}", path, e.toString());
            return Fetched.UNREADABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + path, e);
        }
    }
}
