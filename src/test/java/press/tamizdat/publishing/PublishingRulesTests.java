package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/** Who may do what to an article, decided by the article itself. */
class PublishingRulesTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    static final StaffMember CONTRIBUTOR = new StaffMember(1, "c@example.org", "Contributor", Role.CONTRIBUTOR);
    static final StaffMember AUTHOR = new StaffMember(2, "a@example.org", "Author", Role.AUTHOR);
    static final StaffMember OTHER_AUTHOR = new StaffMember(3, "o@example.org", "Other author", Role.AUTHOR);
    static final StaffMember EDITOR = new StaffMember(4, "e@example.org", "Editor", Role.EDITOR);
    static final StaffMember ADMIN = new StaffMember(5, "x@example.org", "Admin", Role.ADMIN);

    static ArticleContent content() {
        return new ArticleContent(
                Language.EN, "a-story", "A story", null, "Some text.", 1, List.of("A. Writer"), List.of("tag"), null);
    }

    static Article draftBy(StaffMember author) {
        Article article = Article.draft(content(), author, CLOCK);
        ReflectionTestUtils.setField(article, "id", 7L);
        return article;
    }

    @Test
    void contributorWritesAndEditsOwnDraft() {
        Article article = draftBy(CONTRIBUTOR);

        article.revise(content(), CONTRIBUTOR, CLOCK, false);

        assertThat(article.mayBeEditedBy(CONTRIBUTOR)).isTrue();
    }

    @Test
    void contributorCannotPublishOwnDraft() {
        Article article = draftBy(CONTRIBUTOR);

        assertThatThrownBy(() -> article.publish(CONTRIBUTOR, CLOCK, 0)).isInstanceOf(PublishingDenied.class);
        assertThat(article.status()).isEqualTo(ArticleStatus.DRAFT);
    }

    @Test
    void contributorCannotScheduleOwnDraft() {
        Article article = draftBy(CONTRIBUTOR);

        assertThatThrownBy(() -> article.schedule(CLOCK.instant().plusSeconds(60), CONTRIBUTOR, CLOCK, 0))
                .isInstanceOf(PublishingDenied.class);
    }

    @Test
    void contributorCannotEditSomeoneElsesDraft() {
        Article article = draftBy(AUTHOR);

        assertThatThrownBy(() -> article.revise(content(), CONTRIBUTOR, CLOCK, false))
                .isInstanceOf(PublishingDenied.class);
    }

    @Test
    void contributorCannotEditOwnArticleOnceAnEditorPublishedIt() {
        Article article = draftBy(CONTRIBUTOR);
        article.publish(EDITOR, CLOCK, 0);

        assertThatThrownBy(() -> article.revise(content(), CONTRIBUTOR, CLOCK, false))
                .isInstanceOf(PublishingDenied.class);
    }

    @Test
    void authorPublishesOwnArticle() {
        Article article = draftBy(AUTHOR);

        article.publish(AUTHOR, CLOCK, 0);

        assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(article.publishAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void authorCannotPublishAnotherAuthorsArticle() {
        Article article = draftBy(OTHER_AUTHOR);

        assertThatThrownBy(() -> article.publish(AUTHOR, CLOCK, 0)).isInstanceOf(PublishingDenied.class);
    }

    @Test
    void authorCannotUnpublishAnotherAuthorsArticle() {
        Article article = draftBy(OTHER_AUTHOR);
        article.publish(OTHER_AUTHOR, CLOCK, 0);

        assertThatThrownBy(() -> article.unpublish(AUTHOR, CLOCK)).isInstanceOf(PublishingDenied.class);
        assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void authorCannotEditAnotherAuthorsArticle() {
        Article article = draftBy(OTHER_AUTHOR);

        assertThatThrownBy(() -> article.revise(content(), AUTHOR, CLOCK, false))
                .isInstanceOf(PublishingDenied.class);
    }

    @Test
    void editorPublishesSchedulesAndUnpublishesAnyArticle() {
        Article scheduled = draftBy(CONTRIBUTOR);
        scheduled.schedule(CLOCK.instant().plus(Duration.ofHours(1)), EDITOR, CLOCK, 0);
        Article published = draftBy(AUTHOR);
        published.publish(EDITOR, CLOCK, 0);
        published.unpublish(EDITOR, CLOCK);

        assertThat(scheduled.status()).isEqualTo(ArticleStatus.SCHEDULED);
        assertThat(published.status()).isEqualTo(ArticleStatus.UNPUBLISHED);
    }

    @Test
    void adminMayDoEverythingAnEditorMay() {
        Article article = draftBy(CONTRIBUTOR);

        article.revise(content(), ADMIN, CLOCK, false);
        article.publish(ADMIN, CLOCK, 0);
        article.unpublish(ADMIN, CLOCK);

        assertThat(article.status()).isEqualTo(ArticleStatus.UNPUBLISHED);
    }

    @Test
    void publishingRegistersArticlePublished() {
        Article article = draftBy(AUTHOR);

        article.publish(AUTHOR, CLOCK, 0);

        assertThat(article.pendingEvents())
                .containsExactly(new ArticlePublished(7, Language.EN, "a-story", CLOCK.instant()));
    }

    @Test
    void schedulingIntoThePastIsRefused() {
        Article article = draftBy(EDITOR);

        assertThatThrownBy(() -> article.schedule(CLOCK.instant().minusSeconds(1), EDITOR, CLOCK, 0))
                .isInstanceOf(PublishingException.class)
                .hasMessage("article.state.schedule-in-past");
    }

    @Test
    void articleWithoutBodyCannotBePublished() {
        Article article = Article.draft(
                new ArticleContent(Language.EN, "empty", "Empty", null, " ", 1, List.of("A. Writer"), List.of(), null),
                EDITOR,
                CLOCK);

        assertThatThrownBy(() -> article.publish(EDITOR, CLOCK, 0)).hasMessage("article.error.body-required");
    }

    @Test
    void scheduledArticleGoesLiveOnlyWhenItsTimeHasCome() {
        Article article = draftBy(EDITOR);
        Instant at = CLOCK.instant().plus(Duration.ofMinutes(2));
        article.schedule(at, EDITOR, CLOCK, 0);

        boolean early = article.publishIfDue(Clock.fixed(at.minusSeconds(1), ZoneOffset.UTC));
        boolean onTime = article.publishIfDue(Clock.fixed(at, ZoneOffset.UTC));
        boolean again = article.publishIfDue(Clock.fixed(at.plusSeconds(5), ZoneOffset.UTC));

        assertThat(early).isFalse();
        assertThat(onTime).isTrue();
        assertThat(again).isFalse();
        assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(article.publishAt()).isEqualTo(at);
    }

    @Test
    void changingThePublishedSlugKeepsTheOldOneAsFormer() {
        Article article = draftBy(EDITOR);
        article.publish(EDITOR, CLOCK, 0);
        var moved = new ArticleContent(
                Language.EN,
                "a-better-slug",
                "A story",
                null,
                "Some text.",
                1,
                List.of("A. Writer"),
                List.of("tag"),
                null);

        article.revise(moved, EDITOR, CLOCK, false);

        assertThat(article.slug()).isEqualTo("a-better-slug");
        assertThat(ReflectionTestUtils.getField(article, "formerSlugs"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .containsExactly(new Article.FormerSlug(Language.EN, "a-story"));
    }

    @Test
    void anArticleCannotTakeTheAddressOfAnEditionsNewsletterPage() {
        var reserved = new ArticleContent(
                Language.RU, "newsletter", "A story", null, "Some text.", 1, List.of("A. Writer"), List.of(), null);

        assertThat(reserved.problems()).containsEntry("slug", "article.error.slug-reserved");
        assertThat(content().problems()).doesNotContainKey("slug");
    }
}
