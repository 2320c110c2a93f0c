package press.tamizdat.site;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.ArticleFilter;
import press.tamizdat.publishing.ArticleLookup;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Content API: published articles, sections, tags and authors as JSON for apps, bots and
 * partners, read-only and versioned under {@code /api/v1}, described by {@code openapi.json}.
 * Answers are public pages to the page cache (ETag, Last-Modified, surrogate keys) and open to
 * every origin; the static mirror copies them, so apps can read the outlet from any mirror.
 */
@RestController
@CrossOrigin(
        origins = "*",
        methods = {RequestMethod.GET, RequestMethod.HEAD},
        allowedHeaders = {"If-None-Match", "If-Modified-Since"},
        exposedHeaders = {"ETag", "Last-Modified"},
        maxAge = 86_400)
class ContentApi {

    static final int PAGE_SIZE = 20;
    /** Any page past this is refused: an app pages forward, and a deep offset is a costly query. */
    static final int LAST_PAGE = 10_000;

    private static final MediaType JSON = MediaType.APPLICATION_JSON;
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final Articles articles;
    private final ArticleCards cards;
    private final press.tamizdat.publishing.Tags tags;
    private final Sections sections;
    private final SiteUrls urls;
    private final ApiDocuments documents;

    ContentApi(
            Articles articles,
            ArticleCards cards,
            press.tamizdat.publishing.Tags tags,
            Sections sections,
            SiteUrls urls,
            ApiDocuments documents) {
        this.tags = tags;
        this.articles = articles;
        this.cards = cards;
        this.sections = sections;
        this.urls = urls;
        this.documents = documents;
    }

    @GetMapping(PublicPaths.API_ARTICLES)
    ResponseEntity<String> articles(
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String section,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable String author,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(name = "updated_since", required = false) @Nullable String updatedSince,
            HttpServletResponse response) {
        int number = pageNumber(page);
        var filter = new ArticleFilter(
                slug("section", section),
                slug("tag", tag),
                slug("author", author),
                language(language),
                instant(updatedSince));
        var found = articles.page(filter, number, PAGE_SIZE);
        var query = new LinkedHashMap<String, @Nullable String>();
        query.put("section", filter.sectionSlug());
        query.put("tag", filter.tagSlug());
        query.put("author", filter.authorSlug());
        query.put(
                "language", filter.language() == null ? null : filter.language().code());
        query.put("updated_since", filter.updatedSince() == null ? null : updatedSince);
        var list = new ArticleList(
                found.articles().stream().map(documents::summary).toList(),
                found.page(),
                found.totalPages(),
                found.total(),
                found.page() > 1 ? listPath(found.page() - 1, query) : null,
                found.hasNext() ? listPath(found.page() + 1, query) : null);
        return answer(list, "api", response);
    }

    @GetMapping(PublicPaths.API_ARTICLE_ROUTE)
    ResponseEntity<String> article(
            @PathVariable String language, @PathVariable String slug, HttpServletResponse response) {
        return switch (articles.find(Language.fromCode(language).orElseThrow(), slug)) {
            case ArticleLookup.Found found ->
                answer(
                        documents.full(found.article()),
                        "api api-article-" + found.article().id(),
                        response);
            case ArticleLookup.Moved moved ->
                ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                        .header("Location", PublicPaths.API + "/articles" + moved.path())
                        .build();
            case ArticleLookup.Gone gone -> throw new ApiRefusal(HttpStatus.GONE, "This article was taken down.");
            case ArticleLookup.Missing missing ->
                throw new ApiRefusal(HttpStatus.NOT_FOUND, "No published article has this address.");
        };
    }

    @GetMapping(PublicPaths.API_SECTIONS)
    ResponseEntity<String> sections(HttpServletResponse response) {
        var list = new java.util.ArrayList<ApiDocuments.SectionItem>();
        for (var section : sections.all()) {
            var names = new LinkedHashMap<String, String>();
            for (Language language : Language.values()) {
                names.put(
                        language.code(),
                        sections.find(section.id(), language).orElse(section).name());
            }
            list.add(new ApiDocuments.SectionItem(
                    section.slug(),
                    section.name(),
                    names,
                    PublicPaths.section(section.slug()),
                    urls.absolute(PublicPaths.section(section.slug())),
                    PublicPaths.API_ARTICLES + "?section=" + section.slug()));
        }
        return answer(Map.of("sections", list), "api", response);
    }

    @GetMapping(PublicPaths.API_TAGS)
    ResponseEntity<String> tags(HttpServletResponse response) {
        return answer(
                Map.of(
                        "tags",
                        tags.all().stream()
                                .map(tag -> documents.label(tag, "tag"))
                                .toList()),
                "api",
                response);
    }

    @GetMapping(PublicPaths.API_AUTHORS)
    ResponseEntity<String> authors(HttpServletResponse response) {
        return answer(
                Map.of(
                        "authors",
                        cards.authors().stream()
                                .map(author -> documents.label(author, "author"))
                                .toList()),
                "api",
                response);
    }

    /** The document describing this API, as written in {@code api/openapi.json}; it changes only with a release. */
    @GetMapping(PublicPaths.API_DESCRIPTION)
    ResponseEntity<byte[]> description(HttpServletResponse response) throws IOException {
        try (InputStream in = new ClassPathResource("api/openapi.json").getInputStream()) {
            open(response, "api");
            return ResponseEntity.ok().contentType(JSON).body(in.readAllBytes());
        }
    }

    @ExceptionHandler(ApiRefusal.class)
    ResponseEntity<ProblemDetail> refused(ApiRefusal refusal, HttpServletResponse response) {
        open(response, null);
        var problem = ProblemDetail.forStatusAndDetail(refusal.status, refusal.getMessage());
        return ResponseEntity.status(refusal.status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A refusal the app can read: its status and one sentence on what was wrong. */
    static final class ApiRefusal extends RuntimeException {
        private final HttpStatus status;

        ApiRefusal(HttpStatus status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }

    record ArticleList(
            List<ApiDocuments.ArticleSummary> articles,
            int page,
            int pages,
            long total,
            @Nullable String previous,
            @Nullable String next) {}

    private static String listPath(int page, Map<String, @Nullable String> filters) {
        var path = new StringBuilder(PublicPaths.API_ARTICLES).append("?page=").append(page);
        filters.forEach((name, value) -> {
            if (value != null) {
                path.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return path.toString();
    }

    private ResponseEntity<String> answer(Object document, String keys, HttpServletResponse response) {
        open(response, keys);
        return ResponseEntity.ok().contentType(JSON).body(MAPPER.writeValueAsString(document));
    }

    /**
     * Any origin may read the API, also from a cached answer: the header is written on every answer
     * rather than only when a request names its origin, so the first render kept in the cache has it.
     */
    private static void open(HttpServletResponse response, @Nullable String keys) {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers", "ETag, Last-Modified");
        if (keys != null) {
            response.setHeader(CachedPages.SURROGATE_KEY, keys);
        }
    }

    private static int pageNumber(@Nullable String page) {
        if (page == null) {
            return 1;
        }
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 1 && number <= LAST_PAGE) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new ApiRefusal(
                HttpStatus.BAD_REQUEST, "page must be a whole number from 1 to " + LAST_PAGE + ", not “" + page + "”.");
    }

    private static @Nullable String slug(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("[a-z0-9-]{1,200}")) {
            throw new ApiRefusal(
                    HttpStatus.BAD_REQUEST,
                    name + " must be a slug as in the site's addresses (small letters, digits and hyphens).");
        }
        return value;
    }

    private static @Nullable Language language(@Nullable String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return Language.fromCode(code)
                .orElseThrow(() -> new ApiRefusal(HttpStatus.BAD_REQUEST, "language must be “en” or “ru”."));
    }

    private static @Nullable Instant instant(@Nullable String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(since.strip()).toInstant();
        } catch (DateTimeParseException unreadable) {
            throw new ApiRefusal(
                    HttpStatus.BAD_REQUEST,
                    "updated_since must be a date and time with its offset, as 2026-12-01T09:30:00Z.");
        }
    }
}
