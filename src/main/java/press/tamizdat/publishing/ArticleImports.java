package press.tamizdat.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;
import press.tamizdat.web.PublicPaths;

/**
 * Articles brought in from another platform (WordPress, Ghost), through the same desk, rules and
 * revisions as the newsroom's own: a first import creates the article, a later one revises it.
 * Publication and update times are the old site's. Imported articles are kept off the channels:
 * an archive is not news for the Telegram channel or the webhooks; an editor may let one on.
 */
@Component
public class ArticleImports {

    private final ArticleDesk desk;
    private final ArticleRepository articles;
    private final Sections sections;
    private final MediaLibrary media;
    private final JdbcClient db;

    ArticleImports(ArticleDesk desk, ArticleRepository articles, Sections sections, MediaLibrary media, JdbcClient db) {
        this.desk = desk;
        this.articles = articles;
        this.sections = sections;
        this.media = media;
        this.db = db;
    }

    /** An article as the old platform had it, its body already converted to our Markdown. */
    public record ImportedArticle(
            Language language,
            String slug,
            String headline,
            @Nullable String standfirst,
            String body,
            long sectionId,
            List<String> bylines,
            List<String> tags,
            @Nullable Photo lead,
            boolean published,
            Instant publishedAt,
            @Nullable Instant updatedAt) {}

    /** A lead photo already in the media library. */
    public record Photo(
            long mediaId,
            String alt,
            @Nullable String caption,
            @Nullable String credit) {}

    /** What an import did with one article. */
    public sealed interface Outcome {
        record Created(long id, String path) implements Outcome {}

        record Updated(long id, String path) implements Outcome {}

        /** Saved before and unchanged since. */
        record Unchanged(long id, String path) implements Outcome {}

        /** Refused: each problem's message key, by field. */
        record Refused(Map<String, String> problems) implements Outcome {}
    }

    /** A picture stored through the media library (re-encoded, metadata gone): its id and the address of a width. */
    public record StoredImage(long id, String src) {}

    /** A picture the media library does not take; the message key says why. */
    public static final class ImageRefused extends RuntimeException {
        private final String messageKey;

        ImageRefused(String messageKey) {
            super(messageKey, null, false, false);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** Stores a picture as an upload is stored; refused like an upload that is not a picture we take. */
    public StoredImage storeImage(byte[] bytes, StaffMember importer) {
        MediaLibrary.Medium medium;
        try {
            medium = media.store(bytes, importer.id());
        } catch (MediaRejected rejected) {
            throw new ImageRefused(rejected.messageKey());
        }
        return new StoredImage(medium.id(), medium.url(medium.widthUpTo(Articles.PAGE_IMAGE_WIDTH)));
    }

    /** The section with this slug, made (named as given, in both languages) when there is none. */
    @Transactional
    public long section(String slug, String name) {
        var existing = sections.findBySlug(slug);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        int position = db.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM section")
                .query(Integer.class)
                .single();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("INSERT INTO section (slug, name, position) VALUES (:slug, :name, :position)")
                .param("slug", slug)
                .param("name", name.length() > 120 ? name.substring(0, 120) : name)
                .param("position", position)
                .update(keys, "id");
        long id = java.util.Objects.requireNonNull(keys.getKey()).longValue();
        for (Language language : Language.values()) {
            if (language == sections.siteLanguage()) {
                continue;
            }
            db.sql("INSERT INTO section_name (section_id, language, name) VALUES (:id, :language, :name)")
                    .param("id", id)
                    .param("language", language.name())
                    .param("name", name.length() > 120 ? name.substring(0, 120) : name)
                    .update();
        }
        sections.forget();
        return id;
    }

    /** Whether another article than {@code except} has this address. */
    public boolean slugTaken(Language language, String slug, @Nullable Long except) {
        return articles.findByLanguageAndSlug(language, slug)
                .filter(other -> except == null || other.id() != except)
                .isPresent();
    }

    private static String clean(String text) {
        return press.tamizdat.platform.Text.withoutControls(text);
    }

    /** Creates the article, or revises the one an earlier import made ({@code existing}). */
    @Transactional
    public Outcome save(@Nullable Long existing, ImportedArticle imported, StaffMember importer) {
        // an old site's text may hold control characters (a NUL in a JSON export): PostgreSQL
        // refuses them and no reader needs them
        var content = new ArticleContent(
                imported.language(),
                imported.slug(),
                clean(imported.headline()),
                imported.standfirst() == null ? null : clean(imported.standfirst()),
                clean(imported.body()),
                imported.sectionId(),
                imported.bylines().stream().map(ArticleImports::clean).toList(),
                imported.tags().stream().map(ArticleImports::clean).toList(),
                imported.lead() == null
                        ? null
                        : LeadMedia.photo(
                                imported.lead().mediaId(),
                                clean(imported.lead().alt()),
                                imported.lead().caption() == null
                                        ? null
                                        : clean(imported.lead().caption()),
                                imported.lead().credit() == null
                                        ? null
                                        : clean(imported.lead().credit())));
        Optional<Article> before = existing == null ? Optional.empty() : articles.findById(existing);
        long id;
        boolean created = before.isEmpty();
        if (created) {
            var saved = desk.create(content, importer);
            if (!saved.ok()) {
                return new Outcome.Refused(saved.problems());
            }
            id = java.util.Objects.requireNonNull(saved.articleId());
        } else {
            var article = before.get();
            if (content.equals(article.content())) {
                return new Outcome.Unchanged(article.id(), PublicPaths.article(article.language(), article.slug()));
            }
            var saved = desk.revise(article.id(), article.version(), content, null, false, importer);
            if (!saved.ok()) {
                return new Outcome.Refused(saved.problems());
            }
            id = article.id();
        }
        db.sql("UPDATE article SET off_channels = TRUE WHERE id = :id")
                .param("id", id)
                .update();
        var status = articles.findById(id).orElseThrow().status();
        // a first import publishes what was published; later ones leave the state the newsroom chose
        if (created && imported.published() && status == ArticleStatus.DRAFT) {
            desk.publish(id, importer);
        }
        if (imported.published() || status == ArticleStatus.PUBLISHED) {
            db.sql("UPDATE article SET publish_at = :published, updated_at = :updated WHERE id = :id")
                    .param("published", press.tamizdat.platform.SqlTime.utc(imported.publishedAt()))
                    // changed after publication, or not: a page says "Updated" only for a real change
                    .param(
                            "updated",
                            imported.updatedAt() == null
                                            || !imported.updatedAt().isAfter(imported.publishedAt())
                                    ? null
                                    : press.tamizdat.platform.SqlTime.utc(imported.updatedAt()))
                    .param("id", id)
                    .update();
        }
        String path = PublicPaths.article(imported.language(), imported.slug());
        return created ? new Outcome.Created(id, path) : new Outcome.Updated(id, path);
    }
}
