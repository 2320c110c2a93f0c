package press.tamizdat.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.ArticleImports;
import press.tamizdat.web.PublicPaths;

/**
 * Runs one import: reads the export, makes each post an article (or updates the one an earlier
 * run made from the same post, by the old platform's id), stores its pictures through the media
 * library (from the folder of old uploads when given, else fetched from their old addresses),
 * keeps its old addresses for redirects, and writes down everything it left out or changed.
 */
@Component
class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);
    private static final int MAX_IMAGE_BYTES = 30 * 1024 * 1024;
    private static final int PROGRESS_EVERY = 25;
    private static final List<String> OURS = List.of(
            "/section/",
            "/tag/",
            "/author/",
            "/lite",
            "/newsletter",
            "/support",
            "/privacy",
            "/about",
            "/contact",
            "/search",
            "/mirrors",
            "/api/",
            "/media/",
            "/assets/",
            "/newsroom",
            "/feed.json",
            "/rss.xml",
            "/atom.xml",
            "/sitemap",
            "/news-sitemap.xml",
            "/robots.txt");

    enum Source {
        WORDPRESS,
        GHOST;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One import's choices: the export, the folder of the old site's uploads (optional), the old
     * site's address (for Ghost's placeholders and relative links), the language of posts that do
     * not name theirs, and the section of posts without a category.
     */
    record Options(
            Source source,
            Path file,
            String fileName,
            @Nullable Path uploads,
            @Nullable String oldSite,
            @Nullable Language language,
            String defaultSection) {}

    private final ArticleImports articles;
    private final ImportRuns runs;
    private final OldAddresses.Known addresses;
    private final JdbcClient db;
    private final TamizdatSettings settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    Importer(
            ArticleImports articles,
            ImportRuns runs,
            OldAddresses.Known addresses,
            JdbcClient db,
            TamizdatSettings settings,
            Clock clock) {
        this.articles = articles;
        this.runs = runs;
        this.addresses = addresses;
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts an import in the background and returns its run, for the newsroom to follow. */
    long start(Options options, StaffMember importer, Runnable after) {
        long run = runs.start(options.source().key(), options.fileName());
        Thread.ofVirtual().name("import-" + run).start(() -> {
            try {
                run(run, options, importer);
            } finally {
                after.run();
            }
        });
        return run;
    }

    /** Runs an import to its end in this thread; returns its run. */
    long runNow(Options options, StaffMember importer) {
        long run = runs.start(options.source().key(), options.fileName());
        run(run, options, importer);
        return run;
    }

    private void run(long run, Options options, StaffMember importer) {
        var job = new Job(run, options, importer);
        try {
            switch (options.source()) {
                case WORDPRESS -> {
                    var export = new WordPressExport(options.file());
                    export.read(item -> job.take(item, export.base()));
                }
                case GHOST -> new GhostExport(options.file()).read(item -> job.take(item, options.oldSite()));
            }
            runs.finish(run, job.counts(), null);
        } catch (WordPressExport.Unreadable unreadable) {
            runs.finish(run, job.counts(), unreadable.getMessage());
        } catch (RuntimeException failure) {
            log.error("Import {} failed", run, failure);
            runs.finish(run, job.counts(), "The import stopped: " + failure.getMessage());
        } finally {
            addresses.reread();
        }
    }

    /** One run under way: its counts and notes. */
    private final class Job {
        private final long run;
        private final Options options;
        private final StaffMember importer;
        private int seen;
        private int created;
        private int updated;
        private int unchanged;
        private int skipped;
        private int images;
        private int notes;
        /** The old site's address as the export gives it. */
        private @Nullable String base;

        Job(long run, Options options, StaffMember importer) {
            this.run = run;
            this.options = options;
            this.importer = importer;
        }

        ImportRuns.Counts counts() {
            return new ImportRuns.Counts(seen, created, updated, unchanged, skipped, images);
        }

        void note(SourceItem item, String note) {
            runs.note(run, notes++, label(item), note);
        }

        void skip(SourceItem item, String reason) {
            skipped++;
            note(item, "left out: " + reason);
        }

        void take(SourceItem item, @Nullable String exportBase) {
            base = exportBase;
            seen++;
            try {
                save(item, exportBase);
            } catch (RuntimeException failure) {
                log.warn("Import {}: {} could not be imported", run, label(item), failure);
                skip(item, "it could not be saved (" + failure.getMessage() + ")");
            }
            if (seen % PROGRESS_EVERY == 0) {
                runs.progress(run, counts());
            }
        }

        private void save(SourceItem item, @Nullable String base) {
            String status = item.status().toLowerCase(Locale.ROOT);
            boolean published;
            switch (status) {
                case "publish", "published" -> published = true;
                case "draft", "auto-draft", "pending", "future", "scheduled" -> {
                    published = false;
                    if (!status.contains("draft")) {
                        note(item, "was " + status + " on the old site: imported as a draft");
                    }
                }
                case "private" -> {
                    skip(item, "it was private on the old site");
                    return;
                }
                case "trash", "inherit" -> {
                    skip(item, "it was in the old site's trash");
                    return;
                }
                default -> {
                    published = false;
                    note(item, "was \"" + item.status() + "\" on the old site: imported as a draft");
                }
            }
            if (item.isPage() && published) {
                published = false;
                note(item, "a page: imported as a draft article (the site's own pages are About, Contact and Privacy)");
            }
            String headline = Jsoup.parse(item.title()).text().strip();
            if (headline.isEmpty()) {
                skip(item, "it has no title");
                return;
            }
            Language language = item.language() != null
                    ? item.language()
                    : options.language() != null ? options.language() : siteLanguage();
            String ghostBase = base == null ? "" : base.replaceAll("/+$", "");
            String html = item.html().replace(GhostExport.GHOST_URL, ghostBase);
            var oldHtml = new OldHtml(base, url -> image(item, url));
            String body = oldHtml.toMarkdown(html);
            oldHtml.notes.stream().distinct().forEach(note -> note(item, note));
            if (body.isBlank()) {
                body = headline + "\n";
                note(item, "its body was empty");
            }
            Long existing = db.sql("SELECT article_id FROM imported_item WHERE source = :source AND source_id = :id")
                    .param("source", options.source().key())
                    .param("id", item.sourceId())
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            String slug = slug(item, headline, language, existing);
            long section = section(item);
            var tags = new LinkedHashSet<String>();
            item.categories().stream().skip(1).map(SourceItem.Category::name).forEach(tags::add);
            tags.addAll(item.tags());
            var bylines = item.authors().isEmpty() ? List.of(settings.site().name()) : item.authors();
            ArticleImports.Photo lead = null;
            if (item.featured() != null) {
                String src = item.featured().url().replace(GhostExport.GHOST_URL, ghostBase);
                Long media = imageId(item, absolute(base, src));
                if (media != null) {
                    lead = new ArticleImports.Photo(
                            media,
                            limit(
                                    item.featured().alt() == null
                                            ? headline
                                            : item.featured().alt(),
                                    600),
                            item.featured().caption() == null
                                    ? null
                                    : limit(item.featured().caption(), 600),
                            null);
                }
            }
            String standfirst = item.excerpt() == null
                    ? null
                    : limit(Jsoup.parse(item.excerpt()).text(), 600);
            var outcome = articles.save(
                    existing,
                    new ArticleImports.ImportedArticle(
                            language,
                            slug,
                            limit(headline, 300),
                            standfirst == null || standfirst.isBlank() ? null : standfirst,
                            body,
                            section,
                            bylines.stream()
                                    .map(name -> limit(name, 200))
                                    .distinct()
                                    .toList(),
                            tags.stream()
                                    .map(tag -> limit(tag, 100))
                                    .filter(tag -> !tag.isBlank())
                                    .toList(),
                            lead,
                            published,
                            item.publishedAt() == null ? clock.instant() : item.publishedAt(),
                            item.updatedAt()),
                    importer);
            switch (outcome) {
                case ArticleImports.Outcome.Created made -> {
                    created++;
                    remember(item, made.id(), made.path());
                }
                case ArticleImports.Outcome.Updated changed -> {
                    updated++;
                    remember(item, changed.id(), changed.path());
                }
                case ArticleImports.Outcome.Unchanged same -> {
                    unchanged++;
                    remember(item, same.id(), same.path());
                }
                case ArticleImports.Outcome.Refused refused ->
                    skip(
                            item,
                            "the newsroom's rules refused it: "
                                    + String.join(", ", refused.problems().values()));
            }
        }

        /**
         * Keeps which article the post became and its old addresses; a second import of the same
         * export writes nothing here (on the embedded database every write is a new chunk of its file).
         */
        private void remember(SourceItem item, long article, String path) {
            var known = db.sql("SELECT article_id FROM imported_item WHERE source = :source AND source_id = :id")
                    .param("source", options.source().key())
                    .param("id", item.sourceId())
                    .query(Long.class)
                    .optional();
            if (known.isEmpty()) {
                db.sql("INSERT INTO imported_item (source, source_id, article_id) VALUES (:source, :id, :article)")
                        .param("source", options.source().key())
                        .param("id", item.sourceId())
                        .param("article", article)
                        .update();
            } else if (known.get() != article) {
                db.sql("UPDATE imported_item SET article_id = :article WHERE source = :source AND source_id = :id")
                        .param("article", article)
                        .param("source", options.source().key())
                        .param("id", item.sourceId())
                        .update();
            }
            for (String old : item.oldPaths()) {
                if (old.equals(path) || old.equals("/") || ours(old)) {
                    if (!old.equals(path)) {
                        note(item, "its old address " + old + " is one of this site's own: not redirected");
                    }
                    continue;
                }
                var leads = db.sql("SELECT article_id FROM imported_address WHERE path = :path")
                        .param("path", old)
                        .query(Long.class)
                        .optional();
                if (leads.isEmpty()) {
                    db.sql("INSERT INTO imported_address (path, article_id) VALUES (:path, :article)")
                            .param("path", old)
                            .param("article", article)
                            .update();
                } else if (leads.get() != article) {
                    db.sql("UPDATE imported_address SET article_id = :article WHERE path = :path")
                            .param("article", article)
                            .param("path", old)
                            .update();
                }
            }
        }

        private String slug(SourceItem item, String headline, Language language, @Nullable Long existing) {
            String slug = Slugs.from(item.slug().isBlank() ? headline : item.slug());
            if (slug.isEmpty()) {
                slug = Slugs.from(headline);
            }
            if (slug.isEmpty()) {
                slug = "imported-" + Slugs.from(item.sourceId());
            }
            if (articles.slugTaken(language, slug, existing)) {
                String other = slug + "-" + Slugs.from(item.sourceId());
                note(item, "the address /" + language.code() + "/" + slug + " was taken: it is " + other);
                slug = other;
            }
            return slug;
        }

        private long section(SourceItem item) {
            var category = item.categories().stream()
                    .filter(c -> !c.slug().equalsIgnoreCase("uncategorized"))
                    .findFirst();
            if (category.isEmpty()) {
                return articles.section(options.defaultSection(), options.defaultSection());
            }
            String slug = Slugs.from(
                    category.get().slug().isBlank()
                            ? category.get().name()
                            : category.get().slug());
            return articles.section(
                    slug.isEmpty() ? options.defaultSection() : slug,
                    category.get().name());
        }

        private @Nullable String image(SourceItem item, String url) {
            return stored(item, url).map(ArticleImports.StoredImage::src).orElse(null);
        }

        private @Nullable Long imageId(SourceItem item, String url) {
            return stored(item, url).map(ArticleImports.StoredImage::id).orElse(null);
        }

        /** A picture already brought in (by its old address), or read and stored now. */
        private Optional<ArticleImports.StoredImage> stored(SourceItem item, String url) {
            String hash = sha256(url);
            var known = db.sql("SELECT media_id, src FROM imported_image WHERE address_hash = :hash")
                    .param("hash", hash)
                    .query((rs, n) -> new ArticleImports.StoredImage(rs.getLong("media_id"), rs.getString("src")))
                    .optional();
            if (known.isPresent()) {
                return known;
            }
            byte[] bytes;
            try {
                bytes = read(reachable(url, base));
            } catch (IOException | RuntimeException unreadable) {
                note(item, "picture " + url + " could not be read (" + unreadable.getMessage() + "): left out");
                return Optional.empty();
            }
            try {
                var stored = articles.storeImage(bytes, importer);
                db.sql(
                                "INSERT INTO imported_image (address_hash, address, media_id, src) VALUES (:hash, :url, :id, :src)")
                        .param("hash", hash)
                        .param("url", limit(url, 2000))
                        .param("id", stored.id())
                        .param("src", stored.src())
                        .update();
                images++;
                return Optional.of(stored);
            } catch (ArticleImports.ImageRefused rejected) {
                note(
                        item,
                        "picture " + url + " is not one the media library takes (" + rejected.messageKey()
                                + "): left out");
                return Optional.empty();
            }
        }

        /**
         * Where an old picture can be fetched: at the old site's address given for the import
         * (where the old site is still up once its domain points here), else where the export says.
         */
        private String reachable(String url, @Nullable String exportBase) {
            String reachAt = options.oldSite();
            if (reachAt == null || exportBase == null || exportBase.equals(reachAt)) {
                return url;
            }
            String from = exportBase.replaceAll("/+$", "");
            return url.startsWith(from + "/") ? reachAt.replaceAll("/+$", "") + url.substring(from.length()) : url;
        }

        /** From the folder of old uploads when it holds the file, else from its old address. */
        private byte[] read(String url) throws IOException {
            var local = inUploads(url);
            if (local.isPresent()) {
                return Files.readAllBytes(local.get());
            }
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IOException("not a web address");
            }
            try {
                var response = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IOException("HTTP " + response.statusCode());
                    }
                    byte[] bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
                    if (bytes.length > MAX_IMAGE_BYTES) {
                        throw new IOException("larger than " + MAX_IMAGE_BYTES / (1024 * 1024) + " MB");
                    }
                    return bytes;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }

        /** The file under the uploads folder that an old address names (WordPress's and Ghost's upload paths). */
        private Optional<Path> inUploads(String url) {
            if (options.uploads() == null) {
                return Optional.empty();
            }
            String path;
            try {
                path = URI.create(url).getPath();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (path == null) {
                return Optional.empty();
            }
            for (String marker : List.of("/wp-content/uploads/", "/content/images/")) {
                int at = path.indexOf(marker);
                if (at >= 0) {
                    Path root = options.uploads().toAbsolutePath().normalize();
                    Path file =
                            root.resolve(path.substring(at + marker.length())).normalize();
                    if (file.startsWith(root) && Files.isRegularFile(file)) {
                        return Optional.of(file);
                    }
                }
            }
            return Optional.empty();
        }

        private String label(SourceItem item) {
            return (item.isPage() ? "page " : "post ") + item.sourceId() + " “" + limit(item.title(), 120) + "”";
        }
    }

    private Language siteLanguage() {
        return Language.fromCode(settings.site().language().getLanguage()).orElse(Language.EN);
    }

    static boolean ours(String path) {
        return PublicPaths.isArticle(path) || OURS.stream().anyMatch(path::startsWith);
    }

    private static String absolute(@Nullable String base, String src) {
        if (base == null || src.startsWith("http://") || src.startsWith("https://")) {
            return src;
        }
        try {
            return URI.create(base.endsWith("/") ? base : base + "/")
                    .resolve(src)
                    .toString();
        } catch (IllegalArgumentException e) {
            return src;
        }
    }

    private static String limit(String text, int length) {
        String stripped = text.strip();
        return stripped.length() <= length
                ? stripped
                : stripped.substring(0, length - 1).strip() + "…";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
