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
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the public site into a folder as static files with relative links only, so the copy
 * works unchanged from any domain, an onion service, or a folder opened from disk. Pages are
 * fetched from this application over the loopback interface (so they are exactly what readers
 * get, cached pages included), their links rewritten to point at files of the copy, and written
 * only when their content changed. {@code manifest.json} lists every file with its SHA-256.
 *
 * <p>What only works on the live site is left out of the copy: the newsroom, search, and the
 * forms that send something (signup, contributions, reminders); a link to them is kept as text.
 * After a publish, {@link #exportChanges} renders the changed articles, the lists of their sections,
 * the front pages, feeds and sitemaps again, and keeps the other article pages and sections as they
 * are (a full export, nightly, refreshes the older pages' "read more" lists). Pages are fetched a
 * few at a time.
 */
@Component
class StaticMirror {

    private static final Logger log = LoggerFactory.getLogger(StaticMirror.class);
    static final String MANIFEST = "manifest.json";

    private static final Pattern LOC = Pattern.compile("<loc>([^<]+)</loc>");
    private static final int FETCHING_AT_ONCE = 4;
    /** The most pages (and media files) held in memory between fetching and writing. */
    private static final int WAVE = 64;

    private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)(?:&|$)");

    private final ReachSettings.Mirror settings;
    private final String siteBase;
    private final MirrorChanges changes;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile int port;

    StaticMirror(ReachSettings reach, TamizdatSettings tamizdat, MirrorChanges changes, Clock clock) {
        this.settings = reach.mirror();
        this.siteBase = tamizdat.site().url().toString().replaceAll("/+$", "");
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

    /** What an export did: pages and files fetched, files written (changed), files removed, time taken. */
    record Result(int fetched, int written, int removed, Duration took) {}

    /** One file of the copy as the manifest lists it. */
    record Entry(String sha256, long size) {}

    Path folder() {
        return settings.folder();
    }

    boolean hasCopy() {
        return Files.exists(settings.folder().resolve(MANIFEST));
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
            return new Result(0, 0, 0, Duration.ZERO);
        }
        Instant started = clock.instant();
        Path root = settings.folder();
        var before = readManifest(root);
        // an update keeps everything it does not render again; only a full export clears out
        var after = new TreeMap<String, Entry>(changed == null ? Map.of() : before);
        var queue = new ArrayDeque<>(PublicPaths.MIRROR_SEEDS);
        var seen = new HashSet<>(PublicPaths.MIRROR_SEEDS);
        if (changed != null) {
            changed.stream()
                    .filter(path -> !path.equals(MirrorChanges.EVERY_SECTION))
                    .filter(seen::add)
                    .forEach(queue::add);
        }
        int fetched = 0;
        int written = 0;
        int removed = 0;
        while (!queue.isEmpty()) {
            // a wave: what is queued now, up to WAVE pages, is fetched at once (the application
            // renders in parallel), then handled in order, which queues more; the bound keeps a
            // big site's pages and media from all being held in memory at once
            var wave = new java.util.ArrayList<String>();
            while (!queue.isEmpty() && wave.size() < WAVE) {
                String path = queue.poll();
                if (!keeps(path, changed, before)) {
                    wave.add(path);
                }
            }
            var pages = fetchAll(wave);
            fetched += wave.size();
            for (int i = 0; i < wave.size(); i++) {
                String path = wave.get(i);
                String file = fileFor(path);
                var page = pages.get(i);
                if (page.isEmpty()) {
                    // not readable now (an error, a timeout): the copy keeps what it had
                    if (before.containsKey(file)) {
                        after.put(file, before.get(file));
                    }
                    continue;
                }
                if (page.get().gone()) {
                    // gone (an unpublished article answers 410): its copy goes too
                    if (after.remove(file) != null) {
                        delete(root.resolve(file));
                        removed++;
                    }
                    continue;
                }
                byte[] body = page.get().body();
                String type = page.get().type();
                List<String> links;
                if (type.startsWith("text/html")) {
                    var document = Jsoup.parse(new String(body, StandardCharsets.UTF_8), siteBase + path);
                    links = rewrite(document, file);
                    document.outputSettings().prettyPrint(false);
                    body = document.outerHtml().getBytes(StandardCharsets.UTF_8);
                } else if (path.endsWith(".xml") && path.contains("sitemap")) {
                    links = sitemapLinks(new String(body, StandardCharsets.UTF_8));
                } else {
                    links = List.of();
                }
                for (String link : links) {
                    if (seen.add(link)) {
                        queue.add(link);
                    }
                }
                var entry = new Entry(sha256(body), body.length);
                after.put(file, entry);
                if (!entry.equals(before.get(file)) || !Files.exists(root.resolve(file))) {
                    write(root.resolve(file), body);
                    written++;
                }
            }
        }
        for (String file : before.keySet()) {
            if (changed == null && !after.containsKey(file)) {
                delete(root.resolve(file));
                removed++;
            }
        }
        writeManifest(root, after);
        var result = new Result(fetched, written, removed, Duration.between(started, clock.instant()));
        log.info(
                "Mirror {}: {} fetched, {} written, {} removed, in {} ms",
                changed == null ? "export" : "update",
                result.fetched(),
                result.written(),
                result.removed(),
                result.took().toMillis());
        return result;
    }

    /**
     * Whether an update keeps a file as it is: an article page (full or light) or media already in
     * the copy that did not change, or a section listing of a section where nothing changed.
     */
    private static boolean keeps(String path, @Nullable Set<String> changed, Map<String, Entry> before) {
        if (changed == null || changed.contains(path) || !before.containsKey(fileFor(path))) {
            return false;
        }
        if (PublicPaths.isArticle(path) || PublicPaths.isMedia(path)) {
            return true;
        }
        return PublicPaths.sectionOf(path)
                .filter(section -> !changed.contains(MirrorChanges.EVERY_SECTION)
                        && !changed.contains(PublicPaths.section(section)))
                .isPresent();
    }

    /** A page as read: its body and type, or that it is gone (404, 410), or that it could not be read now. */
    private record Fetched(byte[] body, String type, boolean gone) {
        static final Fetched GONE = new Fetched(new byte[0], "", true);
    }

    /** Fetches the pages of a wave a few at a time: two cores render while the others wait on I/O. */
    private List<Optional<Fetched>> fetchAll(List<String> paths) {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(
                FETCHING_AT_ONCE, Thread.ofVirtual().name("mirror-", 0).factory())) {
            var futures =
                    paths.stream().map(path -> pool.submit(() -> fetch(path))).toList();
            var pages = new java.util.ArrayList<Optional<Fetched>>(paths.size());
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

    private Optional<Fetched> fetch(String path) {
        try {
            URI address;
            try {
                address = URI.create("http://127.0.0.1:" + port + path);
            } catch (IllegalArgumentException notAnAddress) {
                // a link no page of ours can answer (a writer's typo, say): nothing to copy
                return Optional.empty();
            }
            var response = http.send(
                    HttpRequest.newBuilder(address)
                            .timeout(Duration.ofSeconds(60))
                            .header(PublicPaths.MIRROR_READ_HEADER, "1")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 || response.statusCode() == 410) {
                return Optional.of(Fetched.GONE);
            }
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(new Fetched(
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    false));
        } catch (IOException e) {
            throw new UncheckedIOException("The mirror could not read " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + path, e);
        }
    }

    /**
     * Points every link and source of the page at a file of the copy, relative to {@code file};
     * takes out what only works live. Returns the site paths the page links to.
     */
    private List<String> rewrite(Document page, String file) {
        var found = new java.util.ArrayList<String>();
        // sending forms (and search) work only on the live site
        page.select("form").forEach(form -> {
            String action = form.attr("action");
            if (form.attr("method").equalsIgnoreCase("post")
                    || sitePath(action).map(PublicPaths::isLiveOnly).orElse(false)) {
                form.remove();
            }
        });
        for (Element element : page.select("[href], [src]")) {
            String attribute = element.hasAttr("href") ? "href" : "src";
            String value = element.attr(attribute);
            var target = sitePath(value);
            if (target.isEmpty()) {
                continue;
            }
            if (PublicPaths.isLiveOnly(target.get())) {
                if (element.tagName().equals("a")) {
                    element.unwrap();
                } else {
                    element.remove();
                }
                continue;
            }
            found.add(target.get());
            element.attr(attribute, relative(file, fileFor(target.get())) + fragment(value));
        }
        for (Element element : page.select("[srcset]")) {
            var sources = new StringBuilder();
            for (String candidate : element.attr("srcset").split(",")) {
                String[] parts = candidate.strip().split("\\s+", 2);
                var target = sitePath(parts[0]);
                if (target.isPresent()) {
                    found.add(target.get());
                }
                if (!sources.isEmpty()) {
                    sources.append(", ");
                }
                sources.append(target.map(path -> relative(file, fileFor(path))).orElse(parts[0]));
                if (parts.length > 1) {
                    sources.append(' ').append(parts[1]);
                }
            }
            element.attr("srcset", sources.toString());
        }
        return found;
    }

    private List<String> sitemapLinks(String xml) {
        var links = new java.util.ArrayList<String>();
        Matcher loc = LOC.matcher(xml);
        while (loc.find()) {
            sitePath(loc.group(1).replace("&amp;", "&")).ifPresent(links::add);
        }
        return links;
    }

    /**
     * The site path a link points to, if it points into the site: root-relative links, and absolute
     * ones to the site's own address or to this application. Only the {@code page} parameter of a
     * query is kept (the others, like where a reader came from, make no other page).
     */
    Optional<String> sitePath(String link) {
        String value = link.strip();
        if (value.startsWith(siteBase + "/") || value.equals(siteBase)) {
            value = value.substring(siteBase.length());
        } else if (port != 0 && value.startsWith("http://127.0.0.1:" + port)) {
            value = value.substring(("http://127.0.0.1:" + port).length());
        }
        if (link.isBlank()) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            value = "/";
        }
        if (!value.startsWith("/") || value.startsWith("//")) {
            return Optional.empty();
        }
        // never a path that climbs out of the copy, or that only encodes one
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("/../")
                || lower.endsWith("/..")
                || lower.contains("/./")
                || lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("\\")) {
            return Optional.empty();
        }
        int hash = value.indexOf('#');
        if (hash >= 0) {
            value = value.substring(0, hash);
        }
        int question = value.indexOf('?');
        String bare = question < 0 ? value : value.substring(0, question);
        // "/en/x/" and "/index.html" are the pages "/en/x" and "/": one file each
        bare = bare.replaceFirst("/index\\.html$", "/");
        if (bare.length() > 1) {
            bare = bare.replaceAll("/+$", "");
        }
        value = question < 0 ? bare : bare + value.substring(question);
        question = value.indexOf('?');
        if (question < 0) {
            return Optional.of(value);
        }
        Matcher page = PAGE.matcher(value.substring(question + 1));
        String path = value.substring(0, question);
        return Optional.of(page.find() && !page.group(1).equals("1") ? path + "?page=" + page.group(1) : path);
    }

    /** The file of the copy that holds a site path: {@code /en/x} is {@code en/x/index.html}. */
    static String fileFor(String sitePath) {
        String path = sitePath;
        String page = null;
        int question = path.indexOf('?');
        if (question >= 0) {
            Matcher matcher = PAGE.matcher(path.substring(question + 1));
            page = matcher.find() ? matcher.group(1) : null;
            path = path.substring(0, question);
        }
        String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (page == null && last.contains(".")) {
            return trimmed;
        }
        String folder = trimmed.isEmpty() ? "" : trimmed + "/";
        return folder + (page == null ? "" : "page/" + page + "/") + "index.html";
    }

    /** The link from one file of the copy to another. */
    static String relative(String from, String to) {
        Path fromFolder = Path.of(from).getParent();
        String link =
                fromFolder == null ? to : fromFolder.relativize(Path.of(to)).toString();
        return link.isEmpty() ? "index.html" : link.replace('\\', '/');
    }

    private static String fragment(String link) {
        int hash = link.indexOf('#');
        return hash < 0 ? "" : link.substring(hash);
    }

    private Map<String, Entry> readManifest(Path root) {
        Path manifest = root.resolve(MANIFEST);
        if (!Files.exists(manifest)) {
            return Map.of();
        }
        try {
            return parseManifest(Files.readAllBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files a manifest lists, by their path in the copy. */
    static Map<String, Entry> parseManifest(byte[] manifest) {
        var files = new HashMap<String, Entry>();
        JsonMapper.builder()
                .build()
                .readTree(manifest)
                .get("files")
                .properties()
                .forEach(field -> files.put(
                        field.getKey(),
                        new Entry(
                                field.getValue().get("sha256").asString(),
                                field.getValue().get("size").asLong())));
        return files;
    }

    private void writeManifest(Path root, Map<String, Entry> files) {
        var manifest = json.createObjectNode();
        manifest.put("generated", clock.instant().toString());
        var list = manifest.putObject("files");
        files.forEach((file, entry) ->
                list.putObject(file).put("sha256", entry.sha256()).put("size", entry.size()));
        write(root.resolve(MANIFEST), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }

    /** Whole or not at all: a reader of the folder never sees half a file. */
    private void write(Path file, byte[] body) {
        if (!file.toAbsolutePath()
                .normalize()
                .startsWith(settings.folder().toAbsolutePath().normalize())) {
            throw new IllegalStateException("The mirror does not write outside its folder: " + file);
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), ".mirror", ".partial");
            Files.write(partial, body);
            try {
                // readable by whatever serves the copy (nginx, an onion service, rsync)
                Files.setPosixFilePermissions(
                        partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's own permissions apply
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The mirror could not write " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The mirror could not remove " + file, e);
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
