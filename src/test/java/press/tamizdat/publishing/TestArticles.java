package press.tamizdat.publishing;

import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;
import press.tamizdat.web.PublicPaths;

/** Publishes, revises and unpublishes articles for tests outside the publishing module. */
public class TestArticles {

    private final ArticleDesk desk;
    private final ArticleRepository articles;
    private final Sections sections;
    private final StaffMember editor;
    private final MediaLibrary media;

    public TestArticles(ApplicationContext context) {
        this.media = context.getBean(MediaLibrary.class);
        this.desk = context.getBean(ArticleDesk.class);
        this.articles = context.getBean(ArticleRepository.class);
        this.sections = context.getBean(Sections.class);
        this.editor = context.getBean(StaffAccounts.class)
                .create(
                        "test-editor-" + UUID.randomUUID() + "@example.org",
                        "Test Editor",
                        Role.EDITOR,
                        "correct horse battery",
                        false);
    }

    public long publish(Language language, String headline, String body, List<String> tags) {
        return publish(language, headline, body, tags, "news");
    }

    public long publish(Language language, String headline, String body, List<String> tags, String sectionSlug) {
        var content = new ArticleContent(
                language,
                Slugs.from(headline) + "-" + UUID.randomUUID().toString().substring(0, 8),
                headline,
                null,
                body,
                sections.findBySlug(sectionSlug).orElseThrow().id(),
                List.of(editor.name()),
                tags,
                null);
        var saved = desk.create(content, editor);
        if (!saved.ok()) {
            throw new IllegalArgumentException("Test article is invalid: " + saved.problems());
        }
        desk.publish(saved.articleId(), editor);
        return saved.articleId();
    }

    public void revise(long id, String body) {
        Article article = articles.findById(id).orElseThrow();
        var c = article.content();
        desk.revise(
                id,
                article.version(),
                new ArticleContent(
                        c.language(),
                        c.slug(),
                        c.headline(),
                        c.subheadline(),
                        body,
                        c.sectionId(),
                        c.bylines(),
                        c.tags(),
                        c.lead()),
                null,
                false,
                editor);
    }

    /** Gives a published article a new slug; its old address then answers 301. */
    public void rename(long id, String slug) {
        Article article = articles.findById(id).orElseThrow();
        var c = article.content();
        desk.revise(
                id,
                article.version(),
                new ArticleContent(
                        c.language(),
                        slug,
                        c.headline(),
                        c.subheadline(),
                        c.body(),
                        c.sectionId(),
                        c.bylines(),
                        c.tags(),
                        c.lead()),
                null,
                false,
                editor);
    }

    /** Puts a picture into the media library with its description; its line places it in a story. */
    public String placedPhoto(int width, int height, String alt, String caption, String credit) {
        var medium = media.store(TestImages.encode(width, height, "jpg"), editor.id());
        media.describe(medium.id(), alt, caption, credit);
        return "[photo " + medium.id() + "]";
    }

    public void unpublish(long id) {
        desk.unpublish(id, editor);
    }

    public String path(long id) {
        Article article = articles.findById(id).orElseThrow();
        return PublicPaths.article(article.language(), article.slug());
    }
}
