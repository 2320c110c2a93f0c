package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/** The desk's actions against the real database: persistence, revisions and events. */
@SpringBootTest
@RecordApplicationEvents
class ArticleDeskTests {

    @Autowired
    ArticleDesk desk;

    @Autowired
    ArticleRepository articles;

    @Autowired
    StaffAccounts staff;

    @Autowired
    Sections sections;

    StaffMember editor;

    @BeforeEach
    void editor() {
        editor = staff.create(
                "editor-" + UUID.randomUUID() + "@example.org",
                "Eda Editor",
                Role.EDITOR,
                "correct horse battery",
                false);
    }

    ArticleContent content(String slug) {
        return new ArticleContent(
                Language.EN,
                slug,
                "Headline for " + slug,
                "A subheadline",
                "Body **text**.",
                sections.findBySlug("news").orElseThrow().id(),
                List.of("Eda Editor", "Second Byline"),
                List.of("courts", "exile"),
                null);
    }

    @Test
    void savesAndLoadsTheWholeArticle() {
        var content = content("round-trip-" + UUID.randomUUID().toString().substring(0, 8));

        long id = desk.create(content, editor).articleId();

        Article loaded = articles.findById(id).orElseThrow();
        assertThat(loaded.content()).isEqualTo(content);
        assertThat(loaded.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(loaded.version()).isNotNull();
    }

    @Test
    void keepsTimestampsExactToTheMicrosecond() {
        long id = desk.create(content("time-" + UUID.randomUUID().toString().substring(0, 8)), editor)
                .articleId();

        desk.publish(id, editor);

        Instant publishedAt = articles.findById(id).orElseThrow().publishAt();
        assertThat(publishedAt).isNotNull();
        assertThat(publishedAt.getNano() % 1000).isZero();
        assertThat(publishedAt).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void publishingAndUnpublishingGoToTheAuditLog(@Autowired AuditLog audit) {
        String slug = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        long id = desk.create(content(slug), editor).articleId();

        desk.publish(id, editor);
        desk.unpublish(id, editor);

        var entries = audit.latest(50).stream()
                .filter(entry -> entry.subject() != null && entry.subject().contains(slug))
                .toList();
        assertThat(entries)
                .extracting(AuditLog.Entry::action)
                .containsExactly("article-unpublished", "article-published");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.staffEmail()).isEqualTo(editor.email()));
    }

    @Test
    void everySaveKeepsARevision() {
        var content = content("revised-" + UUID.randomUUID().toString().substring(0, 8));
        long id = desk.create(content, editor).articleId();
        long version = articles.findById(id).orElseThrow().version();

        desk.revise(id, version, withBody(content, "Second body."), null, false, editor);

        assertThat(desk.revisions(id)).extracting(Revision::number).containsExactly(2, 1);
        assertThat(desk.contentOf(desk.revisions(id).getFirst()).body()).isEqualTo("Second body.");
    }

    @Test
    void restoringARevisionBringsBackItsContentAsANewRevision() {
        var content = content("restored-" + UUID.randomUUID().toString().substring(0, 8));
        long id = desk.create(content, editor).articleId();
        desk.revise(
                id,
                articles.findById(id).orElseThrow().version(),
                withBody(content, "A mistake."),
                null,
                false,
                editor);

        desk.restore(id, 1, editor);

        assertThat(articles.findById(id).orElseThrow().content().body()).isEqualTo("Body **text**.");
        assertThat(desk.revisions(id)).extracting(Revision::number).containsExactly(3, 2, 1);
    }

    @Test
    void refusesToRestoreARevisionThatWouldLeaveAPublishedArticleWithoutBody() {
        var content =
                withBody(content("empty-draft-" + UUID.randomUUID().toString().substring(0, 8)), "");
        long id = desk.create(content, editor).articleId();
        desk.revise(
                id,
                articles.findById(id).orElseThrow().version(),
                withBody(content, "Now with a body."),
                null,
                false,
                editor);
        desk.publish(id, editor);

        var restored = desk.restore(id, 1, editor);

        assertThat(restored.problems()).containsEntry("body", "article.error.body-required");
        assertThat(articles.findById(id).orElseThrow().content().body()).isEqualTo("Now with a body.");
    }

    @Test
    void refusesToOverwriteAChangeMadeSinceTheEditorOpenedTheArticle() {
        var content = content("conflict-" + UUID.randomUUID().toString().substring(0, 8));
        long id = desk.create(content, editor).articleId();
        long opened = articles.findById(id).orElseThrow().version();
        desk.revise(id, opened, withBody(content, "First editor's change."), null, false, editor);

        assertThatThrownBy(() ->
                        desk.revise(id, opened, withBody(content, "Second editor's change."), null, false, editor))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(articles.findById(id).orElseThrow().content().body()).isEqualTo("First editor's change.");
    }

    @Test
    void refusesASlugAlreadyTakenInTheSameLanguage() {
        String slug = "taken-" + UUID.randomUUID().toString().substring(0, 8);
        desk.create(content(slug), editor);

        var second = desk.create(content(slug), editor);

        assertThat(second.problems()).containsEntry("slug", "article.error.slug-taken");
    }

    @Test
    void allowsTheSameSlugInAnotherLanguage() {
        String slug = "both-languages-" + UUID.randomUUID().toString().substring(0, 8);
        desk.create(content(slug), editor);
        var russian = content(slug);

        var saved = desk.create(
                new ArticleContent(
                        Language.RU,
                        slug,
                        "Заголовок",
                        null,
                        "Текст.",
                        russian.sectionId(),
                        russian.bylines(),
                        russian.tags(),
                        null),
                editor);

        assertThat(saved.ok()).isTrue();
    }

    @Test
    void publishingAnnouncesTheArticle(@Autowired ApplicationEvents events) {
        long id = desk.create(
                        content("announced-" + UUID.randomUUID().toString().substring(0, 8)), editor)
                .articleId();

        desk.publish(id, editor);

        assertThat(events.stream(ArticlePublished.class).filter(e -> e.articleId() == id))
                .hasSize(1);
    }

    static ArticleContent withBody(ArticleContent c, String body) {
        return new ArticleContent(
                c.language(),
                c.slug(),
                c.headline(),
                c.subheadline(),
                body,
                c.sectionId(),
                c.bylines(),
                c.tags(),
                c.lead());
    }
}
