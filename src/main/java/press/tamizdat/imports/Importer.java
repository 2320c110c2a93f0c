package press.tamizdat.imports;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.ArticleImports;

/**
 * Runs one import: reads the export, makes each post an article (or updates the one an earlier
 * run made from the same post, by the old platform's id), stores its pictures through the media
 * library (from the folder of old uploads when given, else fetched from their old addresses),
 * keeps its old addresses for redirects, and writes down everything it left out or changed.
 *
 * <p>Longer than our other classes on purpose: one post's import reads best as one story, from its
 * status through its body and pictures to the article and its old addresses; the pictures ({@link
 * OldPictures}) and the record of what each post became ({@link ImportedItems}) are their own
 * classes.
 */
@Component
class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);
    private static final int PROGRESS_EVERY = 25;

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
    private final ImportedItems items;
    private final OldPictures pictures;
    private final TamizdatSettings settings;
    private final Clock clock;

    Importer(
            ArticleImports articles,
            ImportRuns runs,
            OldAddresses.Known addresses,
            ImportedItems items,
            OldPictures pictures,
            TamizdatSettings settings,
            Clock clock) {
        this.articles = articles;
        this.runs = runs;
        this.addresses = addresses;
        this.items = items;
        this.pictures = pictures;
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
            Long existing = items.article(options.source(), item.sourceId()).orElse(null);
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

        private void remember(SourceItem item, long article, String path) {
            items.remember(options.source(), item, article, path, note -> note(item, note));
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
            var brought =
                    pictures.bring(url, new OldPictures.Where(options.uploads(), options.oldSite(), base), importer);
            if (brought.problem() != null) {
                note(item, brought.problem());
            }
            if (brought.stored()) {
                images++;
            }
            return brought.image();
        }

        private String label(SourceItem item) {
            return (item.isPage() ? "page " : "post ") + item.sourceId() + " “" + limit(item.title(), 120) + "”";
        }
    }

    private Language siteLanguage() {
        return Language.fromCode(settings.site().language().getLanguage()).orElse(Language.EN);
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

    static String limit(String text, int length) {
        String stripped = text.strip();
        return stripped.length() <= length
                ? stripped
                : stripped.substring(0, length - 1).strip() + "…";
    }
}
