package press.tamizdat.publishing;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Published articles for the reader's side: the latest ones, and the one at an address. */
@Component
@Transactional(readOnly = true)
public class Articles {

    static final int LIST_IMAGE_WIDTH = 640;
    static final int PAGE_IMAGE_WIDTH = 1280;

    private final ArticleRepository articles;
    private final JdbcClient db;
    private final Sections sections;
    private final MediaLibrary media;
    private final Markdown markdown;

    Articles(ArticleRepository articles, JdbcClient db, Sections sections, MediaLibrary media, Markdown markdown) {
        this.articles = articles;
        this.db = db;
        this.sections = sections;
        this.media = media;
        this.markdown = markdown;
    }

    /** The path of an article page; relative to the site root, so it works on every mirror. */
    public static String path(Language language, String slug) {
        return "/" + language.code() + "/" + slug;
    }

    public List<ArticleCard> latest(int limit) {
        List<Long> ids = db.sql("""
                        SELECT id FROM article WHERE status = 'PUBLISHED'
                        ORDER BY publish_at DESC, id DESC LIMIT :limit
                        """).param("limit", limit).query(Long.class).list();
        return articles.findAllById(ids).stream()
                .sorted(Comparator.comparing((Article a) -> Objects.requireNonNull(a.publishAt()))
                        .reversed()
                        .thenComparing(Article::id, Comparator.reverseOrder()))
                .map(this::card)
                .toList();
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
                            path(article.language(), article.slug()),
                            article.headline(),
                            content.subheadline(),
                            markdown.toPlainText(content.body()),
                            content.bylines(),
                            content.tags(),
                            section(content.sectionId()).name(),
                            Objects.requireNonNull(article.publishAt()));
                });
    }

    public ArticleLookup find(Language language, String slug) {
        var current = articles.findByLanguageAndSlug(language, slug);
        if (current.isPresent()) {
            Article article = current.get();
            return switch (article.status()) {
                case PUBLISHED -> new ArticleLookup.Found(view(article));
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
                                path(Language.valueOf(rs.getString("language")), rs.getString("slug")));
                    case UNPUBLISHED -> new ArticleLookup.Gone();
                    case DRAFT, SCHEDULED -> new ArticleLookup.Missing();
                })
                .list()
                .stream()
                .findFirst()
                .orElseGet(ArticleLookup.Missing::new);
    }

    private ArticleCard card(Article article) {
        var content = article.content();
        return new ArticleCard(
                article.id(),
                article.language(),
                path(article.language(), article.slug()),
                article.headline(),
                content.subheadline(),
                section(content.sectionId()).name(),
                Objects.requireNonNull(article.publishAt()),
                picture(content.lead(), LIST_IMAGE_WIDTH));
    }

    private PublishedArticle view(Article article) {
        var content = article.content();
        LeadMedia lead = content.lead();
        PublishedArticle.Video video = lead != null && lead.kind() == LeadMedia.Kind.VIDEO && lead.videoUrl() != null
                ? VideoEmbeds.of(lead.videoUrl(), lead.caption(), lead.credit())
                : null;
        return new PublishedArticle(
                article.id(),
                article.language(),
                path(article.language(), article.slug()),
                article.headline(),
                content.subheadline(),
                content.bylines(),
                section(content.sectionId()),
                content.tags(),
                Objects.requireNonNull(article.publishAt()),
                article.updatedAt(),
                picture(lead, PAGE_IMAGE_WIDTH),
                video,
                markdown.toSafeHtml(content.body()),
                article.corrections().stream()
                        .map(c -> new PublishedArticle.CorrectionNote(c.notedAt(), c.text()))
                        .toList());
    }

    private Section section(long id) {
        return sections.find(id).orElseThrow();
    }

    private PublishedArticle.@Nullable Picture picture(@Nullable LeadMedia lead, int preferredWidth) {
        if (lead == null || lead.kind() != LeadMedia.Kind.PHOTO || lead.mediaId() == null) {
            return null;
        }
        return media.find(lead.mediaId())
                .map(m -> {
                    int width = m.widthUpTo(preferredWidth);
                    String srcset = String.join(
                            ", ",
                            m.widths().stream()
                                    .map(w -> m.url(w) + " " + w + "w")
                                    .toList());
                    return new PublishedArticle.Picture(
                            m.url(width),
                            srcset,
                            width,
                            Math.round((float) m.height() * width / m.width()),
                            Objects.requireNonNullElse(lead.alt(), ""),
                            lead.caption(),
                            lead.credit());
                })
                .orElse(null);
    }
}
