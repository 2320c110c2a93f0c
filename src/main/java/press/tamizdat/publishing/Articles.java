package press.tamizdat.publishing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;
import press.tamizdat.web.PublicPaths;

/** Published articles for the reader's side: the latest ones, and the one at an address. */
@Component
@Transactional(readOnly = true)
public class Articles {

    static final int LIST_IMAGE_WIDTH = 640;
    static final int PAGE_IMAGE_WIDTH = 1280;

    private final ArticleRepository articles;
    private final JdbcClient db;
    private final Sections sections;
    private final Markdown markdown;
    private final com.github.benmanes.caffeine.cache.Cache<String, String> renderedBodies =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(2_000)
                    .build();

    Articles(ArticleRepository articles, JdbcClient db, Sections sections, Markdown markdown) {
        this.articles = articles;
        this.db = db;
        this.sections = sections;
        this.markdown = markdown;
    }

    public List<ArticleCard> latest(int limit) {
        return cards(db.sql("""
                        SELECT id FROM article WHERE status = 'PUBLISHED'
                        ORDER BY publish_at DESC, id DESC LIMIT :limit
                        """).param("limit", limit).query(Long.class).list());
    }

    /** The latest articles of one section. */
    public List<ArticleCard> latestIn(Section section, int limit) {
        return cards(db.sql("""
                        SELECT id FROM article WHERE status = 'PUBLISHED' AND section_id = :section
                        ORDER BY publish_at DESC, id DESC LIMIT :limit
                        """)
                .param("section", section.id())
                .param("limit", limit)
                .query(Long.class)
                .list());
    }

    /** A page of a section, a tag or an author, newest first. */
    public CardPage page(Listing listing, int page, int size) {
        String where = switch (listing) {
            case Listing.InSection in -> "a.section_id = :section";
            case Listing.Tagged tagged ->
                "EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id AND t.name IN (:names))";
            case Listing.ByAuthor by ->
                "EXISTS (SELECT 1 FROM article_byline b WHERE b.article_id = a.id AND b.name IN (:names))";
        };
        var params = new java.util.HashMap<String, Object>();
        if (listing instanceof Listing.InSection in) {
            params.put("section", in.section().id());
        } else {
            List<String> names = listing instanceof Listing.Tagged tagged
                    ? namesWithSlug("article_tag", tagged.tagSlug())
                    : namesWithSlug("article_byline", ((Listing.ByAuthor) listing).authorSlug());
            if (names.isEmpty()) {
                return new CardPage(List.of(), 1, 0, 0);
            }
            params.put("names", names);
        }
        long total = db.sql("SELECT COUNT(*) FROM article a WHERE a.status = 'PUBLISHED' AND " + where)
                .params(params)
                .query(Long.class)
                .single();
        int totalPages = (int) ((total + size - 1) / size);
        int current = Math.max(1, page);
        List<Long> ids = db.sql("SELECT a.id FROM article a WHERE a.status = 'PUBLISHED' AND " + where
                        + " ORDER BY a.publish_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) (current - 1) * size)
                .query(Long.class)
                .list();
        return new CardPage(cards(ids), current, totalPages, total);
    }

    /** The byline as written for an author slug, or empty when no published article carries it. */
    public Optional<String> authorName(String authorSlug) {
        return namesWithSlug("article_byline", authorSlug).stream().findFirst();
    }

    /** The tag as written for a tag slug, or empty when no published article carries it. */
    public Optional<String> tagName(String tagSlug) {
        return namesWithSlug("article_tag", tagSlug).stream().findFirst();
    }

    /**
     * The places an article is listed in (or was, if it has been unpublished since): its section, its
     * tags and its bylines, for {@link press.tamizdat.web.PublicPaths} to make addresses of.
     */
    public Places places(long articleId) {
        var section = db.sql("SELECT section_id FROM article WHERE id = :id")
                .param("id", articleId)
                .query(Long.class)
                .optional()
                .flatMap(sections::find)
                .map(Section::slug);
        var tags = db.sql("SELECT name FROM article_tag WHERE article_id = :id ORDER BY name")
                .param("id", articleId)
                .query(String.class)
                .list();
        var bylines = db.sql("SELECT name FROM article_byline WHERE article_id = :id ORDER BY name")
                .param("id", articleId)
                .query(String.class)
                .list();
        return new Places(section, tags, bylines);
    }

    /** Where an article is listed: its section's slug (if the section still exists), its tags and bylines as written. */
    public record Places(Optional<String> sectionSlug, List<String> tags, List<String> bylines) {}

    /**
     * "Read more" under an article: those sharing the most tags, then the same section, then the
     * latest — never the article itself, never one twice.
     */
    public List<ArticleCard> related(long articleId, int limit) {
        var chosen = new java.util.LinkedHashSet<Long>();
        chosen.addAll(db.sql("""
                        SELECT a.id FROM article a JOIN article_tag t ON t.article_id = a.id
                        WHERE a.status = 'PUBLISHED' AND a.id <> :id
                          AND t.name IN (SELECT name FROM article_tag WHERE article_id = :id)
                        GROUP BY a.id, a.publish_at
                        ORDER BY COUNT(*) DESC, a.publish_at DESC, a.id DESC
                        LIMIT :limit
                        """)
                .param("id", articleId)
                .param("limit", limit)
                .query(Long.class)
                .list());
        if (chosen.size() < limit) {
            chosen.addAll(db.sql("""
                            SELECT a.id FROM article a
                            WHERE a.status = 'PUBLISHED' AND a.id <> :id
                              AND a.section_id = (SELECT section_id FROM article WHERE id = :id)
                            ORDER BY a.publish_at DESC, a.id DESC
                            LIMIT :limit
                            """)
                    .param("id", articleId)
                    .param("limit", limit)
                    .query(Long.class)
                    .list());
        }
        if (chosen.size() < limit) {
            chosen.addAll(db.sql("""
                            SELECT id FROM article WHERE status = 'PUBLISHED' AND id <> :id
                            ORDER BY publish_at DESC, id DESC LIMIT :limit
                            """)
                    .param("id", articleId)
                    .param("limit", limit + chosen.size())
                    .query(Long.class)
                    .list());
        }
        return cardsInOrder(chosen.stream().limit(limit).toList());
    }

    /** Bylines and tags are addressed by their slug; this finds the names written in articles. */
    private List<String> namesWithSlug(String table, String slug) {
        return db
                .sql("SELECT DISTINCT n.name FROM " + table + " n JOIN article a ON a.id = n.article_id"
                        + " WHERE a.status = 'PUBLISHED'")
                .query(String.class)
                .list()
                .stream()
                .filter(name -> Slugs.from(name).equals(slug))
                .sorted()
                .toList();
    }

    /** Cards for articles, newest first. */
    private List<ArticleCard> cards(List<Long> ids) {
        return cardsInOrder(ids).stream()
                .sorted(Comparator.comparing(ArticleCard::publishedAt)
                        .reversed()
                        .thenComparing(ArticleCard::id, Comparator.reverseOrder()))
                .toList();
    }

    /** Cards for the articles still published among {@code ids}, in the order given. */
    public List<ArticleCard> publishedCards(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var published = db.sql("SELECT id FROM article WHERE status = 'PUBLISHED' AND id IN (:ids)")
                .param("ids", ids)
                .query(Long.class)
                .set();
        return cardsInOrder(ids.stream().filter(published::contains).toList());
    }

    /** The section of each of {@code ids} that still exists. */
    public Map<Long, Section> sectionsOf(List<Long> ids) {
        var found = new java.util.HashMap<Long, Section>();
        if (ids.isEmpty()) {
            return found;
        }
        db.sql("SELECT id, section_id FROM article WHERE id IN (:ids)")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getLong("id"), rs.getLong("section_id")))
                .list()
                .forEach(row -> sections.find(row.getValue()).ifPresent(section -> found.put(row.getKey(), section)));
        return found;
    }

    /** Cards for articles whatever their state (for the newsroom), in the order given. */
    public List<ArticleCard> cardsInAnyState(List<Long> ids) {
        return cardsInOrder(ids);
    }

    /**
     * Cards for articles, in the order given, from one query: a list page shows dozens of cards, and
     * loading each article aggregate with its collections would cost several queries per card.
     */
    private List<ArticleCard> cardsInOrder(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var byId = new java.util.HashMap<Long, ArticleCard>();
        db.sql("""
                        SELECT a.id, a.language, a.slug, a.headline, a.subheadline, a.publish_at, a.lead_alt,
                               a.section_id, m.id AS media_id, m.storage_key, m.format, m.width, m.height,
                               m.widths
                        FROM article a
                        LEFT JOIN media m ON m.id = a.lead_media_id AND a.lead_kind = 'PHOTO'
                        WHERE a.id IN (:ids)
                        """)
                .param("ids", ids)
                .query((rs, n) -> {
                    Language language = Language.valueOf(rs.getString("language"));
                    var medium = joinedMedium(rs);
                    var thumbnail = medium == null
                            ? null
                            : picture(medium, rs.getString("lead_alt"), null, null, LIST_IMAGE_WIDTH);
                    return new ArticleCard(
                            rs.getLong("id"),
                            language,
                            PublicPaths.article(language, rs.getString("slug")),
                            rs.getString("headline"),
                            rs.getString("subheadline"),
                            section(rs.getLong("section_id"), language).name(),
                            rs.getObject("publish_at", java.time.OffsetDateTime.class)
                                    .toInstant(),
                            thumbnail);
                })
                .list()
                .forEach(card -> byId.put(card.id(), card));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** The latest articles in full, for feeds; {@code section} null means all sections. */
    public List<PublishedArticle> latestInFull(@Nullable Section section, int limit) {
        List<Long> ids = db.sql("""
                        SELECT id FROM article WHERE status = 'PUBLISHED'
                          AND (CAST(:section AS BIGINT) IS NULL OR section_id = :section)
                        ORDER BY publish_at DESC, id DESC LIMIT :limit
                        """)
                .param("section", section == null ? null : section.id())
                .param("limit", limit)
                .query(Long.class)
                .list();
        return ids.stream().map(this::readView).toList();
    }

    /** A published article's address and when it last changed, for sitemaps. */
    public record Location(String path, Instant lastModified) {}

    public long publishedCount() {
        return db.sql("SELECT COUNT(*) FROM article WHERE status = 'PUBLISHED'")
                .query(Long.class)
                .single();
    }

    /** Addresses of published articles, oldest first, so a sitemap file's content rarely changes. */
    public List<Location> locations(long offset, int limit) {
        return db.sql("""
                        SELECT language, slug, publish_at, updated_at FROM article WHERE status = 'PUBLISHED'
                        ORDER BY publish_at, id LIMIT :limit OFFSET :offset
                        """)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> {
                    var updated = rs.getObject("updated_at", java.time.OffsetDateTime.class);
                    var published = rs.getObject("publish_at", java.time.OffsetDateTime.class);
                    return new Location(
                            PublicPaths.article(Language.valueOf(rs.getString("language")), rs.getString("slug")),
                            (updated != null ? updated : published).toInstant());
                })
                .list();
    }

    /** A recently published article, for the news sitemap. */
    public record Recent(String path, String headline, Language language, Instant publishedAt) {}

    public List<Recent> publishedSince(Instant since) {
        return db.sql("""
                        SELECT language, slug, headline, publish_at FROM article
                        WHERE status = 'PUBLISHED' AND publish_at >= :since
                        ORDER BY publish_at DESC, id DESC LIMIT 1000
                        """)
                .param("since", since.atOffset(java.time.ZoneOffset.UTC))
                .query((rs, n) -> {
                    Language language = Language.valueOf(rs.getString("language"));
                    return new Recent(
                            PublicPaths.article(language, rs.getString("slug")),
                            rs.getString("headline"),
                            language,
                            rs.getObject("publish_at", java.time.OffsetDateTime.class)
                                    .toInstant());
                })
                .list();
    }

    /** Ids of every published article, newest first: what a search index must hold. */
    public List<Long> publishedIds() {
        return db.sql("SELECT id FROM article WHERE status = 'PUBLISHED' ORDER BY publish_at DESC, id DESC")
                .query(Long.class)
                .list();
    }

    /** The article as plain text if it is published; empty for drafts, unpublished or missing ones. */
    public Optional<IndexableArticle> indexable(long id) {
        return articles.findById(id)
                .filter(article -> article.status() == ArticleStatus.PUBLISHED)
                .map(article -> {
                    var content = article.content();
                    return new IndexableArticle(
                            article.id(),
                            article.language(),
                            PublicPaths.article(article.language(), article.slug()),
                            article.headline(),
                            content.subheadline(),
                            markdown.toPlainText(content.body()),
                            content.bylines(),
                            content.tags(),
                            section(content.sectionId(), article.language()).name(),
                            Objects.requireNonNull(article.publishAt()));
                });
    }

    /** A published article by its id, as readers see it (newsletters pick articles by id). */
    public Optional<PublishedArticle> published(long id) {
        boolean live = db.sql("SELECT COUNT(*) FROM article WHERE id = :id AND status = 'PUBLISHED'")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                > 0;
        return live ? Optional.of(readView(id)) : Optional.empty();
    }

    public ArticleLookup find(Language language, String slug) {
        var current = db.sql("SELECT id, status FROM article WHERE language = :language AND slug = :slug")
                .param("language", language.name())
                .param("slug", slug)
                .query((rs, n) -> Map.entry(rs.getLong("id"), ArticleStatus.valueOf(rs.getString("status"))))
                .optional();
        if (current.isPresent()) {
            return switch (current.get().getValue()) {
                case PUBLISHED -> new ArticleLookup.Found(readView(current.get().getKey()));
                case UNPUBLISHED -> new ArticleLookup.Gone();
                case DRAFT, SCHEDULED -> new ArticleLookup.Missing();
            };
        }
        return db
                .sql("""
                        SELECT a.language, a.slug, a.status FROM article_former_slug f
                        JOIN article a ON a.id = f.article_id
                        WHERE f.language = :language AND f.slug = :slug
                        """)
                .param("language", language.name())
                .param("slug", slug)
                .query((rs, n) -> switch (ArticleStatus.valueOf(rs.getString("status"))) {
                    case PUBLISHED ->
                        (ArticleLookup) new ArticleLookup.Moved(
                                PublicPaths.article(Language.valueOf(rs.getString("language")), rs.getString("slug")));
                    case UNPUBLISHED -> new ArticleLookup.Gone();
                    case DRAFT, SCHEDULED -> new ArticleLookup.Missing();
                })
                .list()
                .stream()
                .findFirst()
                .orElseGet(ArticleLookup.Missing::new);
    }

    /**
     * A published article for its page, read with plain queries: the page benchmark's profile showed
     * loading the aggregate (with its reflective mapping) as the largest cost of an uncached page.
     */
    private PublishedArticle readView(long id) {
        List<String> bylines = db.sql("SELECT name FROM article_byline WHERE article_id = :id ORDER BY position")
                .param("id", id)
                .query(String.class)
                .list();
        List<String> tags = db.sql("SELECT name FROM article_tag WHERE article_id = :id")
                .param("id", id)
                .query(String.class)
                .list();
        List<PublishedArticle.CorrectionNote> corrections = db.sql(
                        "SELECT noted_at, text FROM article_correction WHERE article_id = :id ORDER BY position")
                .param("id", id)
                .query((rs, n) -> new PublishedArticle.CorrectionNote(
                        rs.getObject("noted_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("text")))
                .list();
        return db.sql("""
                        SELECT a.id, a.version, a.language, a.slug, a.headline, a.subheadline, a.body, a.section_id,
                               a.publish_at, a.updated_at, a.lead_kind, a.lead_alt, a.lead_caption, a.lead_credit,
                               a.lead_video_url, m.id AS media_id, m.storage_key, m.format, m.width, m.height, m.widths,
                               t.language AS translation_language, t.slug AS translation_slug
                        FROM article a
                        LEFT JOIN media m ON m.id = a.lead_media_id AND a.lead_kind = 'PHOTO'
                        LEFT JOIN article t ON t.id = a.translation_id AND t.status = 'PUBLISHED'
                        WHERE a.id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> {
                    Language language = Language.valueOf(rs.getString("language"));
                    var medium = joinedMedium(rs);
                    var photo = medium == null
                            ? null
                            : picture(
                                    medium,
                                    rs.getString("lead_alt"),
                                    rs.getString("lead_caption"),
                                    rs.getString("lead_credit"),
                                    PAGE_IMAGE_WIDTH);
                    String videoUrl = rs.getString("lead_video_url");
                    var video = "VIDEO".equals(rs.getString("lead_kind")) && videoUrl != null
                            ? VideoEmbeds.of(videoUrl, rs.getString("lead_caption"), rs.getString("lead_credit"))
                            : null;
                    String translationLanguage = rs.getString("translation_language");
                    var translation = translationLanguage == null
                            ? null
                            : new PublishedArticle.Translation(
                                    Language.valueOf(translationLanguage),
                                    PublicPaths.article(
                                            Language.valueOf(translationLanguage), rs.getString("translation_slug")));
                    var updated = rs.getObject("updated_at", java.time.OffsetDateTime.class);
                    String body = rs.getString("body");
                    return new PublishedArticle(
                            id,
                            language,
                            PublicPaths.article(language, rs.getString("slug")),
                            rs.getString("headline"),
                            rs.getString("subheadline"),
                            bylines,
                            section(rs.getLong("section_id"), language),
                            tags,
                            rs.getObject("publish_at", java.time.OffsetDateTime.class)
                                    .toInstant(),
                            updated == null ? null : updated.toInstant(),
                            photo,
                            video,
                            renderedBody(id, rs.getLong("version"), body),
                            corrections,
                            translation);
                })
                .single();
    }

    /** The lead picture of a row that joined the media table with its id as {@code media_id}. */
    private static MediaLibrary.@Nullable Medium joinedMedium(java.sql.ResultSet rs) throws java.sql.SQLException {
        long mediaId = rs.getLong("media_id");
        if (rs.wasNull()) {
            return null;
        }
        return new MediaLibrary.Medium(
                mediaId,
                rs.getString("storage_key"),
                rs.getString("format"),
                rs.getInt("width"),
                rs.getInt("height"),
                java.util.Arrays.stream(rs.getString("widths").split(","))
                        .map(Integer::valueOf)
                        .toList());
    }

    /**
     * Rendering and sanitizing a body is the costliest step of an article page; a body changes only
     * with a new version of the article, so each version is rendered once.
     */
    private String renderedBody(long id, long version, String body) {
        return renderedBodies.get(id + "@" + version, key -> markdown.toSafeHtml(body));
    }

    private Section section(long id, Language language) {
        return sections.find(id, language).orElseThrow();
    }

    private static PublishedArticle.Picture picture(
            MediaLibrary.Medium m,
            @Nullable String alt,
            @Nullable String caption,
            @Nullable String credit,
            int preferredWidth) {
        int width = m.widthUpTo(preferredWidth);
        String srcset = String.join(
                ", ", m.widths().stream().map(w -> m.url(w) + " " + w + "w").toList());
        return new PublishedArticle.Picture(
                m.url(width),
                srcset,
                width,
                Math.round((float) m.height() * width / m.width()),
                Objects.requireNonNullElse(alt, ""),
                caption,
                credit);
    }
}
