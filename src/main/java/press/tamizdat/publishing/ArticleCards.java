package press.tamizdat.publishing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.web.PublicPaths;

/** Published articles as cards, for the front pages, listings, "Read more" and the newsroom's counts. */
@Component
@Transactional(readOnly = true)
public class ArticleCards {

    static final int LIST_IMAGE_WIDTH = 640;

    private final JdbcClient db;
    private final Sections sections;
    private final Tags tags;

    private final PublishedReads.Reads<Related, List<ArticleCard>> relatedReads;

    ArticleCards(JdbcClient db, Sections sections, Tags tags, PublishedReads reads) {
        this.db = db;
        this.tags = tags;
        this.sections = sections;
        this.relatedReads = reads.reads(2_000);
    }

    public List<ArticleCard> latest(int limit) {
        return cards(db.sql("""
                        SELECT id FROM article WHERE status = 'PUBLISHED'
                        ORDER BY publish_at DESC, id DESC LIMIT :limit
                        """).param("limit", limit).query(Long.class).list());
    }

    /** The latest articles in one language: an edition's front page. */
    public List<ArticleCard> latest(int limit, Language language) {
        return cards(db.sql("""
                        SELECT id FROM article WHERE status = 'PUBLISHED' AND language = :language
                        ORDER BY publish_at DESC, id DESC LIMIT :limit
                        """)
                .param("language", language.name())
                .param("limit", limit)
                .query(Long.class)
                .list());
    }

    /** The latest articles of one section in one language. */
    public List<ArticleCard> latestIn(Section section, int limit, Language language) {
        return cards(db.sql("""
                        SELECT id FROM article WHERE status = 'PUBLISHED' AND section_id = :section
                          AND language = :language
                        ORDER BY publish_at DESC, id DESC LIMIT :limit
                        """)
                .param("section", section.id())
                .param("language", language.name())
                .param("limit", limit)
                .query(Long.class)
                .list());
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
            case Listing.InSectionIn in -> "a.section_id = :section AND a.language = :language";
            case Listing.TaggedIn tagged ->
                "a.language = :language"
                        + " AND EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id AND t.name IN (:names))";
            case Listing.ByAuthor by ->
                "EXISTS (SELECT 1 FROM article_byline b WHERE b.article_id = a.id AND b.name IN (:names))";
        };
        var params = new java.util.HashMap<String, Object>();
        if (listing instanceof Listing.InSection in) {
            params.put("section", in.section().id());
        } else if (listing instanceof Listing.InSectionIn in) {
            params.put("section", in.section().id());
            params.put("language", in.language().name());
        } else {
            List<String> names;
            if (listing instanceof Listing.TaggedIn tagged) {
                names = tags.writtenNames(tagged.tagSlug());
                params.put("language", tagged.language().name());
            } else {
                names = ArticleRows.namesWithSlug(db, "article_byline", ((Listing.ByAuthor) listing).authorSlug());
            }
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

    /** Every byline on a published article, by slug, with the number of articles carrying it. */
    public List<Label> authors() {
        return labels("article_byline");
    }

    /** Names that differ only in case or punctuation share a slug, and one page: they are one label. */
    private List<Label> labels(String table) {
        var bySlug = new java.util.TreeMap<String, Label>();
        db.sql("SELECT n.name, COUNT(DISTINCT a.id) AS articles FROM " + table + " n"
                        + " JOIN article a ON a.id = n.article_id WHERE a.status = 'PUBLISHED' GROUP BY n.name"
                        + " ORDER BY n.name")
                .query((rs, n) ->
                        new Label(Slugs.from(rs.getString("name")), rs.getString("name"), rs.getLong("articles")))
                .list()
                .forEach(label -> bySlug.merge(
                        label.slug(),
                        label,
                        (first, second) ->
                                new Label(first.slug(), first.name(), first.articles() + second.articles())));
        return List.copyOf(bySlug.values());
    }

    /** The byline as written for an author slug, or empty when no published article carries it. */
    public Optional<String> authorName(String authorSlug) {
        return ArticleRows.namesWithSlug(db, "article_byline", authorSlug).stream()
                .findFirst();
    }

    /**
     * "Read more" under an article: those sharing the most tags, then the same section, then the
     * latest — never the article itself, never one twice; kept until an article changes.
     */
    public List<ArticleCard> related(long articleId, int limit) {
        return relatedReads.get(new Related(articleId, limit), wanted -> readRelated(wanted.article(), wanted.limit()));
    }

    private record Related(long article, int limit) {}

    private List<ArticleCard> readRelated(long articleId, int limit) {
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
                        SELECT a.id, a.language, a.slug, a.headline, a.subheadline, a.publish_at, a.material_update_at,
                               a.lead_alt,
                               a.section_id, m.id AS media_id, m.storage_key, m.format, m.width, m.height,
                               m.widths
                        FROM article a
                        LEFT JOIN media m ON m.id = a.lead_media_id AND a.lead_kind = 'PHOTO'
                        WHERE a.id IN (:ids)
                        """)
                .param("ids", ids)
                .query((rs, n) -> {
                    Language language = Language.valueOf(rs.getString("language"));
                    var medium = ArticleRows.joinedMedium(rs);
                    var thumbnail = medium == null
                            ? null
                            : ArticleRows.picture(medium, rs.getString("lead_alt"), null, null, LIST_IMAGE_WIDTH);
                    return new ArticleCard(
                            rs.getLong("id"),
                            language,
                            PublicPaths.article(language, rs.getString("slug")),
                            rs.getString("headline"),
                            rs.getString("subheadline"),
                            sections.of(rs.getLong("section_id"), language).name(),
                            rs.getObject("publish_at", java.time.OffsetDateTime.class)
                                    .toInstant(),
                            SqlTime.instant(rs, "material_update_at"),
                            thumbnail);
                })
                .list()
                .forEach(card -> byId.put(card.id(), card));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
