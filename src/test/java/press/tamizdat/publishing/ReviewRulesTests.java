package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static press.tamizdat.publishing.PublishingRulesTests.ADMIN;
import static press.tamizdat.publishing.PublishingRulesTests.AUTHOR;
import static press.tamizdat.publishing.PublishingRulesTests.CLOCK;
import static press.tamizdat.publishing.PublishingRulesTests.CONTRIBUTOR;
import static press.tamizdat.publishing.PublishingRulesTests.EDITOR;
import static press.tamizdat.publishing.PublishingRulesTests.OTHER_AUTHOR;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffMember;

/** The review step's rules, decided by the article: who may approve, how many must, what voids it. */
class ReviewRulesTests {

    static final StaffMember SECOND_EDITOR = new StaffMember(6, "s@example.org", "Second editor", Role.EDITOR);
    static final StaffMember EDITOR_AS_AUTHOR = EDITOR;

    static Article submittedBy(StaffMember author) {
        Article article = PublishingRulesTests.draftBy(author);
        article.submitForReview(author, CLOCK);
        return article;
    }

    @Test
    void aContributorSubmitsAndAnEditorApprovesThenPublishes() {
        Article article = submittedBy(CONTRIBUTOR);
        assertThat(article.review()).isEqualTo(ReviewState.WAITING);

        article.approve(EDITOR, CLOCK, 1);
        article.publish(EDITOR, CLOCK, 1);

        assertThat(article.review()).isEqualTo(ReviewState.APPROVED);
        assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void anEditorCannotApproveTheirOwnArticleNorCanAnAdmin() {
        Article editors = submittedBy(EDITOR_AS_AUTHOR);
        assertThatThrownBy(() -> editors.approve(EDITOR_AS_AUTHOR, CLOCK, 1))
                .isInstanceOf(PublishingDenied.class)
                .hasMessage("article.denied.review-own");
        Article admins = submittedBy(ADMIN);
        assertThatThrownBy(() -> admins.approve(ADMIN, CLOCK, 1)).hasMessage("article.denied.review-own");
        assertThatThrownBy(() -> admins.sendBack(ADMIN, "Mine.", CLOCK)).hasMessage("article.denied.review-own");

        admins.approve(EDITOR, CLOCK, 1);
        assertThat(admins.review()).isEqualTo(ReviewState.APPROVED);
    }

    @Test
    void authorsAndContributorsCannotApproveAnyone() {
        Article article = submittedBy(AUTHOR);

        assertThatThrownBy(() -> article.approve(OTHER_AUTHOR, CLOCK, 1)).hasMessage("article.denied.review");
        assertThatThrownBy(() -> article.approve(CONTRIBUTOR, CLOCK, 1)).hasMessage("article.denied.review");
        assertThatThrownBy(() -> article.sendBack(OTHER_AUTHOR, "No.", CLOCK)).hasMessage("article.denied.review");
    }

    @Test
    void aSectionThatAsksForApprovalRefusesToPublishOrScheduleBeforeIt() {
        Article article = PublishingRulesTests.draftBy(AUTHOR);

        assertThatThrownBy(() -> article.publish(AUTHOR, CLOCK, 1)).hasMessage("article.state.needs-approval");
        assertThatThrownBy(() -> article.publish(EDITOR, CLOCK, 1)).hasMessage("article.state.needs-approval");
        assertThatThrownBy(() -> article.schedule(CLOCK.instant().plusSeconds(600), EDITOR, CLOCK, 1))
                .hasMessage("article.state.needs-approval");
        assertThat(article.status()).isEqualTo(ArticleStatus.DRAFT);

        article.submitForReview(AUTHOR, CLOCK);
        article.approve(EDITOR, CLOCK, 1);
        article.publish(AUTHOR, CLOCK, 1);
        assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void aSensitiveSectionNeedsTwoDifferentEditors() {
        Article article = submittedBy(AUTHOR);

        article.approve(EDITOR, CLOCK, 2);
        assertThat(article.review()).isEqualTo(ReviewState.WAITING);
        assertThatThrownBy(() -> article.approve(EDITOR, CLOCK, 2)).hasMessage("article.state.approved-by-you");
        assertThatThrownBy(() -> article.publish(EDITOR, CLOCK, 2)).hasMessage("article.state.needs-approval");

        article.approve(SECOND_EDITOR, CLOCK, 2);
        assertThat(article.review()).isEqualTo(ReviewState.APPROVED);
        assertThat(article.approvedBy()).containsExactlyInAnyOrder(EDITOR.id(), SECOND_EDITOR.id());
        article.publish(EDITOR, CLOCK, 2);
        assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void anEditAfterApprovalVoidsItAndAScheduledArticleGoesBackToDraft() {
        Article article = submittedBy(AUTHOR);
        article.approve(EDITOR, CLOCK, 1);
        article.schedule(CLOCK.instant().plus(Duration.ofHours(2)), AUTHOR, CLOCK, 1);

        var changed = PublishingRulesTests.content();
        article.revise(
                new ArticleContent(
                        changed.language(),
                        changed.slug(),
                        changed.headline(),
                        changed.subheadline(),
                        "A claim the editor never saw.",
                        changed.sectionId(),
                        changed.bylines(),
                        changed.tags(),
                        changed.lead()),
                AUTHOR,
                CLOCK,
                false);

        assertThat(article.approvedBy()).isEmpty();
        assertThat(article.review()).isEqualTo(ReviewState.WAITING);
        assertThat(article.holdForReview(1)).isTrue();
        assertThat(article.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(article.publishAt()).isNull();
    }

    @Test
    void anEditWhileTakenDownVoidsTheApprovalsSoRepublishingNeedsThemAgain() {
        Article article = submittedBy(AUTHOR);
        article.approve(EDITOR, CLOCK, 1);
        article.publish(AUTHOR, CLOCK, 1);
        article.unpublish(AUTHOR, CLOCK);

        var content = PublishingRulesTests.content();
        article.revise(
                new ArticleContent(
                        content.language(),
                        content.slug(),
                        content.headline(),
                        content.subheadline(),
                        "Rewritten while it was down.",
                        content.sectionId(),
                        content.bylines(),
                        content.tags(),
                        content.lead()),
                AUTHOR,
                CLOCK,
                false);

        assertThat(article.approvedBy()).isEmpty();
        assertThatThrownBy(() -> article.publish(AUTHOR, CLOCK, 1)).hasMessage("article.state.needs-approval");
        // sent back and submitted again, like a draft
        article.sendBack(EDITOR, "Check the new figures.", CLOCK);
        article.submitForReview(AUTHOR, CLOCK);
        article.approve(EDITOR, CLOCK, 1);
        article.publish(AUTHOR, CLOCK, 1);
        assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void aScheduledArticleIsHeldWhenItsSectionNowAsksForMoreApprovalsThanItHas() {
        Article article = submittedBy(AUTHOR);
        article.approve(EDITOR, CLOCK, 1);
        article.schedule(CLOCK.instant().plus(Duration.ofHours(2)), AUTHOR, CLOCK, 1);

        assertThat(article.holdForReview(1)).isFalse();
        assertThat(article.holdForReview(2)).isTrue();
        assertThat(article.status()).isEqualTo(ArticleStatus.DRAFT);
        // the approval it had still counts; a second editor adds the one missing
        assertThat(article.review()).isEqualTo(ReviewState.WAITING);
        article.approve(SECOND_EDITOR, CLOCK, 2);
        assertThat(article.review()).isEqualTo(ReviewState.APPROVED);
        article.publish(AUTHOR, CLOCK, 2);
        assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void sendingBackNeedsANoteVoidsApprovalsAndLetsTheAuthorSubmitAgain() {
        Article article = submittedBy(CONTRIBUTOR);
        article.approve(EDITOR, CLOCK, 2);

        assertThatThrownBy(() -> article.sendBack(SECOND_EDITOR, "  ", CLOCK))
                .isInstanceOf(PublishingException.class)
                .hasMessage("article.error.review-note-missing");
        article.sendBack(SECOND_EDITOR, "Name the second source.", CLOCK);

        assertThat(article.review()).isEqualTo(ReviewState.SENT_BACK);
        assertThat(article.reviewNote()).isEqualTo("Name the second source.");
        assertThat(article.approvedBy()).isEmpty();
        assertThatThrownBy(() -> article.approve(EDITOR, CLOCK, 2)).hasMessage("article.state.not-waiting");

        article.submitForReview(CONTRIBUTOR, CLOCK);
        assertThat(article.review()).isEqualTo(ReviewState.WAITING);
        assertThat(article.reviewNote()).isNull();
    }

    @Test
    void onlySomeoneWhoMayEditTheDraftSubmitsIt() {
        Article article = PublishingRulesTests.draftBy(CONTRIBUTOR);

        assertThatThrownBy(() -> article.submitForReview(OTHER_AUTHOR, CLOCK)).isInstanceOf(PublishingDenied.class);
        article.submitForReview(EDITOR, CLOCK);
        assertThatThrownBy(() -> article.submitForReview(CONTRIBUTOR, CLOCK))
                .hasMessage("article.state.already-waiting");
    }
}
