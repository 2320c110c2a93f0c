package press.tamizdat.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Language;
import press.tamizdat.web.PublicPaths;

/** Where published articles are: their addresses for sitemaps, and the places they are listed in, for the mirror. */
@Component
@Transactional(readOnly = true)
public class ArticleLocations {

    private final JdbcClient db;
    private final Sections sections;
    private final Tags tags;

    ArticleLocations(JdbcClient db, Sections sections, Tags tags) {
        this.db = db;
        this.tags = tags;
        this.sections = sections;
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
        var tagSlugs = db
                .sql("SELECT name FROM article_tag WHERE article_id = :id ORDER BY name")
                .param("id", articleId)
                .query(String.class)
                .list()
                .stream()
                .map(tags::slugOf)
                .distinct()
                .toList();
        var bylines = db.sql("SELECT name FROM article_byline WHERE article_id = :id ORDER BY name")
                .param("id", articleId)
                .query(String.class)
                .list();
        return new Places(section, tagSlugs, bylines);
    }

    /** Where an article is listed: its section's slug (if the section still exists), its tags' slugs and its bylines as written. */
    public record Places(Optional<String> sectionSlug, List<String> tags, List<String> bylines) {}

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
}
