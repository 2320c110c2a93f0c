package press.tamizdat.publishing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.web.PublicPaths;

/**
 * Published articles in full, as readers see them: the one at an address, one by its id (newsletters
 * pick articles by id), and the latest for feeds. Cards and listings are {@link ArticleCards}',
 * addresses for sitemaps and the mirror {@link ArticleLocations}', plain text for the search index
 * {@link IndexableArticles}'.
 */
@Component
@Transactional(readOnly = true)
public class Articles {

    static final int PAGE_IMAGE_WIDTH = 1280;

    private final JdbcClient db;
    private final Sections sections;
    private final Markdown markdown;
    private final StoryMedia story;
    private final Tags tags;
    private final com.github.benmanes.caffeine.cache.Cache<String, String> renderedBodies =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(2_000)
                    .build();
    private final com.github.benmanes.caffeine.cache.Cache<String, String> plainBodies =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(2_000)
                    .build();

    private final PublishedReads.Reads<Map.Entry<Language, String>, ArticleLookup> lookups;

    Articles(JdbcClient db, Sections sections, Markdown markdown, StoryMedia story, Tags tags, PublishedReads reads) {
        this.story = story;
        this.tags = tags;
        this.db = db;
        this.sections = sections;
        this.markdown = markdown;
        this.lookups = reads.reads(2_000);
    }

    /** The latest articles in full, for feeds; {@code section} null means all sections. */
    public List<PublishedArticle> latestInFull(@Nullable Section section, int limit) {
        return latestInFull(section, null, limit);
    }

    /** The latest articles in full in one language (an edition's feed), or in any when it is null. */
    public List<PublishedArticle> latestInFull(@Nullable Section section, @Nullable Language language, int limit) {
        List<Long> ids = db.sql("""
                        SELECT id FROM article WHERE status = 'PUBLISHED'
                          AND (CAST(:section AS BIGINT) IS NULL OR section_id = :section)
                          AND (CAST(:language AS VARCHAR(8)) IS NULL OR language = :language)
                        ORDER BY publish_at DESC, id DESC LIMIT :limit
                        """)
                .param("section", section == null ? null : section.id())
                .param("language", language == null ? null : language.name())
                .param("limit", limit)
                .query(Long.class)
                .list();
        return ids.stream().map(this::readView).toList();
    }

    /**
     * A page of published articles in full, newest first, for the Content API: those matching
     * every filter given; an unknown section, tag or author matches nothing.
     */
    public ArticlesPage page(ArticleFilter filter, int page, int size) {
        var where = new StringBuilder("a.status = 'PUBLISHED'");
        var params = new java.util.HashMap<String, Object>();
        if (filter.sectionSlug() != null) {
            var section = sections.findBySlug(filter.sectionSlug());
            if (section.isEmpty()) {
                return new ArticlesPage(List.of(), Math.max(1, page), 0, 0);
            }
            where.append(" AND a.section_id = :section");
            params.put("section", section.get().id());
        }
        if (filter.tagSlug() != null) {
            List<String> names = tags.writtenNames(filter.tagSlug());
            if (names.isEmpty()) {
                return new ArticlesPage(List.of(), Math.max(1, page), 0, 0);
            }
            where.append(" AND EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id AND t.name IN (:tags))");
            params.put("tags", names);
        }
        if (filter.authorSlug() != null) {
            List<String> names = ArticleRows.namesWithSlug(db, "article_byline", filter.authorSlug());
            if (names.isEmpty()) {
                return new ArticlesPage(List.of(), Math.max(1, page), 0, 0);
            }
            where.append(
                    " AND EXISTS (SELECT 1 FROM article_byline b WHERE b.article_id = a.id AND b.name IN (:authors))");
            params.put("authors", names);
        }
        if (filter.language() != null) {
            where.append(" AND a.language = :language");
            params.put("language", filter.language().name());
        }
        if (filter.updatedSince() != null) {
            where.append(" AND COALESCE(a.updated_at, a.publish_at) >= :since");
            params.put("since", press.tamizdat.platform.SqlTime.utc(filter.updatedSince()));
        }
        long total = db.sql("SELECT COUNT(*) FROM article a WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        int current = Math.max(1, page);
        List<Long> ids = db.sql("SELECT a.id FROM article a WHERE " + where
                        + " ORDER BY a.publish_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) (current - 1) * size)
                .query(Long.class)
                .list();
        return new ArticlesPage(
                ids.stream().map(this::readView).toList(), current, (int) ((total + size - 1) / size), total);
    }

    /** The words of a published article's body without markup, for apps that show plain text. */
    public String plainText(PublishedArticle article) {
        long version = db.sql("SELECT version FROM article WHERE id = :id")
                .param("id", article.id())
                .query(Long.class)
                .single();
        return plainBodies.get(
                article.id() + "@" + version,
                key -> markdown.toPlainText(db.sql("SELECT body FROM article WHERE id = :id")
                                .param("id", article.id())
                                .query(String.class)
                                .single())
                        .strip());
    }

    /** The page of an article while it is published (an old address redirects there). */
    public Optional<String> publishedPath(long id) {
        return db.sql("SELECT language, slug FROM article WHERE id = :id AND status = 'PUBLISHED'")
                .param("id", id)
                .query((rs, n) -> PublicPaths.article(Language.valueOf(rs.getString("language")), rs.getString("slug")))
                .optional();
    }

    /** Whether the newsroom keeps an article off its channels (the Telegram channel). */
    public boolean offChannels(long id) {
        return db.sql("SELECT off_channels FROM article WHERE id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
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

    /** What the address of {@code slug} in {@code language} holds (kept until an article changes). */
    public ArticleLookup find(Language language, String slug) {
        return lookups.get(Map.entry(language, slug), address -> lookUp(address.getKey(), address.getValue()));
    }

    private ArticleLookup lookUp(Language language, String slug) {
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
        List<String> writtenTags = db.sql("SELECT name FROM article_tag WHERE article_id = :id")
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
                               a.publish_at, a.updated_at, a.material_update_at, a.lead_kind, a.lead_alt, a.lead_caption, a.lead_credit,
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
                    var medium = ArticleRows.joinedMedium(rs);
                    var photo = medium == null
                            ? null
                            : ArticleRows.picture(
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
                            sections.of(rs.getLong("section_id"), language),
                            tags.of(writtenTags, language),
                            rs.getObject("publish_at", java.time.OffsetDateTime.class)
                                    .toInstant(),
                            updated == null ? null : updated.toInstant(),
                            SqlTime.instant(rs, "material_update_at"),
                            photo,
                            video,
                            renderedBody(id, rs.getLong("version"), body, language),
                            corrections,
                            translation);
                })
                .single();
    }

    /**
     * Rendering and sanitizing a body is the costliest step of an article page; a body changes only
     * with a new version of the article, so each version is rendered once.
     */
    private String renderedBody(long id, long version, String body, Language language) {
        return renderedBodies.get(
                id + "@" + version, key -> markdown.toSafeHtml(body, line -> story.figure(line, language)));
    }

    /**
     * An article's body is rendered anew after it changed here or on another node, even when its
     * version did not: a picture it places was described anew in the library.
     */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    void on(ArticleChanged changed) {
        forgetRenderedBody(changed.articleId());
    }

    @org.springframework.context.event.EventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    void on(press.tamizdat.platform.Heard<ArticleChanged> heard) {
        forgetRenderedBody(heard.event().articleId());
    }

    private void forgetRenderedBody(long id) {
        renderedBodies.asMap().keySet().removeIf(key -> key.startsWith(id + "@"));
    }
}
