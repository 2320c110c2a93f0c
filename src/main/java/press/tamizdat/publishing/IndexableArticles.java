package press.tamizdat.publishing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.web.PublicPaths;

/** Published articles as plain text, for the search index and the newsletter's teasers. */
@Component
@Transactional(readOnly = true)
public class IndexableArticles {

    private final ArticleRepository articles;
    private final JdbcClient db;
    private final Sections sections;
    private final Markdown markdown;
    private final Tags tags;

    IndexableArticles(ArticleRepository articles, JdbcClient db, Sections sections, Markdown markdown, Tags tags) {
        this.articles = articles;
        this.tags = tags;
        this.db = db;
        this.sections = sections;
        this.markdown = markdown;
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
                            markdown.toPlainText(StoryMedia.asPlainText(content.body())),
                            content.bylines(),
                            // as written, and as the article's edition names them
                            java.util.stream.Stream.concat(
                                            content.tags().stream(),
                                            tags.of(content.tags(), article.language()).stream()
                                                    .map(TagName::name))
                                    .distinct()
                                    .toList(),
                            sections.of(content.sectionId(), article.language()).name(),
                            Objects.requireNonNull(article.publishAt()));
                });
    }
}
