package press.tamizdat.publishing;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.StaffMember;

/**
 * The review step: an article is submitted, then approved by editors who did not write it (as many
 * as its section asks for) or sent back with a note. Each step is kept in the article's revision
 * history and in the audit log; the rules themselves are the article's (see {@link Article}).
 */
@Component
class ArticleReviews {

    private final ArticleDesk desk;
    private final ArticleRepository articles;
    private final SectionApprovals approvals;
    private final AuditLog audit;
    private final Clock clock;

    ArticleReviews(
            ArticleDesk desk, ArticleRepository articles, SectionApprovals approvals, AuditLog audit, Clock clock) {
        this.desk = desk;
        this.articles = articles;
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    void submit(long id, StaffMember by) {
        Article article = desk.load(id);
        article.submitForReview(by, clock);
        articles.save(article);
        desk.keepRevision(article, by, "revision.note.submitted", null);
        audit.record(by, "article-submitted", ArticleDesk.subject(article));
    }

    /** Approves; true when the article now has every approval its section asks for. */
    @Transactional
    boolean approve(long id, StaffMember editor) {
        Article article = desk.load(id);
        article.approve(editor, clock, approvals.required(article.content().sectionId()));
        articles.save(article);
        boolean approved = article.review() == ReviewState.APPROVED;
        desk.keepRevision(article, editor, approved ? "revision.note.approved" : "revision.note.approved-first", null);
        audit.record(editor, "article-approved", ArticleDesk.subject(article));
        return approved;
    }

    @Transactional
    void sendBack(long id, String note, StaffMember editor) {
        Article article = desk.load(id);
        boolean wasScheduled = article.status() == ArticleStatus.SCHEDULED;
        article.sendBack(editor, note, clock);
        articles.save(article);
        if (wasScheduled) {
            desk.cancelJob(id);
        }
        desk.keepRevision(article, editor, "revision.note.sent-back", article.reviewNote());
        audit.record(editor, "article-sent-back", ArticleDesk.subject(article));
    }
}
