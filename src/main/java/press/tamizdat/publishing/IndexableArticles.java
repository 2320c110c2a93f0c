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

    IndexableArticles(ArticleRepository articles, JdbcClient db, Sections sections, Markdown markdown) {
        this.articles = articles;
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
                            content.tags(),
                            sections.of(content.sectionId(), article.language()).name(),
                            Objects.requireNonNull(article.publishAt()));
                });
    }
}
