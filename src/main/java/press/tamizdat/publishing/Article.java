package press.tamizdat.publishing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/**
 * An article and the rules of its life: who may change it, who may publish it, and which status
 * may follow which. Each change that readers see registers its event.
 *
 * <p>Longer than our other classes: every rule of an article's life is kept here, in one place the
 * permission tests read against, rather than spread over the services that apply them.
 */
@Table("article")
class Article extends AbstractAggregateRoot<Article> {

    @Id
    private @Nullable Long id;

    @Version
    private @Nullable Long version;

    private Language language;
    private String slug;
    private String headline;
    private @Nullable String subheadline;
    private String body;
    private long sectionId;
    private ArticleStatus status;
    private @Nullable Instant publishAt;
    private @Nullable Instant updatedAt;
    /** When readers were last told the article changed: a correction, or an edit marked material. */
    private @Nullable Instant materialUpdateAt;

    private @Nullable Long translationId;

    @Embedded.Nullable(prefix = "lead_")
    private @Nullable LeadMedia lead;

    @MappedCollection(idColumn = "article_id", keyColumn = "position")
    private List<Byline> bylines = new ArrayList<>();

    @MappedCollection(idColumn = "article_id")
    private Set<Tag> tags = new LinkedHashSet<>();

    @MappedCollection(idColumn = "article_id", keyColumn = "position")
    private List<Correction> corrections = new ArrayList<>();

    @MappedCollection(idColumn = "article_id")
    private Set<FormerSlug> formerSlugs = new LinkedHashSet<>();

    private @Nullable ReviewState review;
    private @Nullable String reviewNote;

    @MappedCollection(idColumn = "article_id")
    private Set<Approval> approvals = new LinkedHashSet<>();

    private long createdBy;
    private Instant createdAt;
    private Instant modifiedAt;

    @PersistenceCreator
    Article(
            Language language,
            String slug,
            String headline,
            String body,
            long sectionId,
            ArticleStatus status,
            long createdBy,
            Instant createdAt,
            Instant modifiedAt) {
        this.language = language;
        this.slug = slug;
        this.headline = headline;
        this.body = body;
        this.sectionId = sectionId;
        this.status = status;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.modifiedAt = modifiedAt;
    }

    /** A new draft written by {@code author}. */
    static Article draft(ArticleContent content, StaffMember author, Clock clock) {
        Instant now = clock.instant();
        var article = new Article(
                content.language(),
                content.slug(),
                content.headline(),
                content.body(),
                content.sectionId(),
                ArticleStatus.DRAFT,
                author.id(),
                now,
                now);
        article.apply(content);
        return article;
    }

    // --- who may do what -------------------------------------------------------------------

    boolean isOwnedBy(StaffMember staff) {
        return createdBy == staff.id();
    }

    /** Contributors see only their own articles and their revisions; everyone else on the staff sees all. */
    boolean mayBeReadBy(StaffMember staff) {
        return staff.role().atLeast(Role.AUTHOR) || isOwnedBy(staff);
    }

    /** Contributors change their own drafts; authors their own articles; editors and admins any. */
    boolean mayBeEditedBy(StaffMember staff) {
        if (staff.role().atLeast(Role.EDITOR)) {
            return true;
        }
        if (!isOwnedBy(staff)) {
            return false;
        }
        return staff.role() == Role.AUTHOR || status == ArticleStatus.DRAFT;
    }

    /** Authors publish, schedule and unpublish their own articles; editors and admins any. */
    boolean mayBePublishedBy(StaffMember staff) {
        return staff.role().atLeast(Role.EDITOR) || (staff.role() == Role.AUTHOR && isOwnedBy(staff));
    }

    // --- changes ---------------------------------------------------------------------------

    /**
     * Applies an edit and tells the site when readers see it; a {@code material} edit of a published
     * article is also shown to readers as an update (a typo fix is not).
     */
    void revise(ArticleContent content, StaffMember editor, Clock clock, boolean material) {
        require(mayBeEditedBy(editor), "article.denied.edit");
        boolean changed = !content.equals(content());
        boolean visibleChange = changed && status == ArticleStatus.PUBLISHED;
        if (changed && status != ArticleStatus.PUBLISHED && !approvals.isEmpty()) {
            // what was approved is no longer what would go live (or go live again, once taken down)
            approvals.clear();
            review = ReviewState.WAITING;
        }
        if (!content.slug().equals(slug) || content.language() != language) {
            if (everPublished()) {
                formerSlugs.add(new FormerSlug(language, slug));
            }
            formerSlugs.remove(new FormerSlug(content.language(), content.slug()));
        }
        apply(content);
        modifiedAt = clock.instant();
        if (visibleChange) {
            updatedAt = modifiedAt;
            if (material) {
                materialUpdateAt = modifiedAt;
            }
            registerEvent(new ArticleChanged(id(), language, slug));
        }
    }

    /** Links this article to its translation in the other language, or unlinks it ({@code null}). */
    void translatedAs(@Nullable Long otherId, StaffMember editor) {
        require(mayBeEditedBy(editor), "article.denied.edit");
        if (Objects.equals(translationId, otherId)) {
            return;
        }
        translationId = otherId;
        if (status == ArticleStatus.PUBLISHED) {
            registerEvent(new ArticleChanged(id(), language, slug));
        }
    }

    @Nullable
    Long translationId() {
        return translationId;
    }

    void addCorrection(String text, StaffMember editor, Clock clock) {
        require(mayBeEditedBy(editor), "article.denied.edit");
        Instant now = clock.instant();
        corrections.add(new Correction(now, text.strip()));
        if (status == ArticleStatus.PUBLISHED) {
            // a correction is always news to readers
            updatedAt = now;
            materialUpdateAt = now;
            registerEvent(new ArticleChanged(id(), language, slug));
        }
    }

    void publish(StaffMember publisher, Clock clock, int requiredApprovals) {
        require(mayBePublishedBy(publisher), "article.denied.publish");
        require(status != ArticleStatus.PUBLISHED, "article.state.already-published");
        requireReadyToPublish();
        requireApproved(requiredApprovals);
        Instant now = clock.instant();
        // an article coming back after being unpublished keeps its original publication time
        if (publishAt == null || status == ArticleStatus.SCHEDULED || publishAt.isAfter(now)) {
            publishAt = now;
        }
        goLive(clock);
    }

    /** Publishes with an earlier publication time: for articles brought over from elsewhere and the demo. */
    void publishAsOf(Instant publishedAt, StaffMember publisher, Clock clock) {
        require(mayBePublishedBy(publisher), "article.denied.publish");
        require(!publishedAt.isAfter(clock.instant()), "article.state.schedule-in-past");
        requireReadyToPublish();
        publishAt = publishedAt;
        goLive(clock);
    }

    void schedule(Instant at, StaffMember publisher, Clock clock, int requiredApprovals) {
        require(mayBePublishedBy(publisher), "article.denied.publish");
        require(status != ArticleStatus.PUBLISHED, "article.state.already-published");
        require(at.isAfter(clock.instant()), "article.state.schedule-in-past");
        requireReadyToPublish();
        requireApproved(requiredApprovals);
        publishAt = at.truncatedTo(ChronoUnit.SECONDS);
        status = ArticleStatus.SCHEDULED;
        modifiedAt = clock.instant();
    }

    void unschedule(StaffMember publisher, Clock clock) {
        require(mayBePublishedBy(publisher), "article.denied.publish");
        require(status == ArticleStatus.SCHEDULED, "article.state.not-scheduled");
        status = ArticleStatus.DRAFT;
        publishAt = null;
        modifiedAt = clock.instant();
    }

    /** Publishes a scheduled article whose time has come; false when there is nothing to do. */
    boolean publishIfDue(Clock clock) {
        if (status != ArticleStatus.SCHEDULED || publishAt == null || publishAt.isAfter(clock.instant())) {
            return false;
        }
        goLive(clock);
        return true;
    }

    void unpublish(StaffMember publisher, Clock clock) {
        require(mayBePublishedBy(publisher), "article.denied.publish");
        require(status == ArticleStatus.PUBLISHED, "article.state.not-published");
        status = ArticleStatus.UNPUBLISHED;
        modifiedAt = clock.instant();
        registerEvent(new ArticleUnpublished(id(), language, slug));
    }

    // --- review ----------------------------------------------------------------------------

    /**
     * Whoever may edit an article that is not live (a draft, or one taken down) may submit it for
     * review: its author, or an editor.
     */
    void submitForReview(StaffMember by, Clock clock) {
        require(mayBeEditedBy(by), "article.denied.edit");
        require(status != ArticleStatus.PUBLISHED, "article.state.review-before-publication");
        require(review != ReviewState.WAITING, "article.state.already-waiting");
        review = ReviewState.WAITING;
        reviewNote = null;
        approvals.clear();
        modifiedAt = clock.instant();
    }

    /**
     * An editor who is not the article's author approves it as it stands. It is approved once as
     * many different editors as its section asks for (at least one) have done so.
     */
    void approve(StaffMember editor, Clock clock, int requiredApprovals) {
        requireReviewer(editor);
        require(review == ReviewState.WAITING, "article.state.not-waiting");
        require(approvals.stream().noneMatch(a -> a.approvedBy() == editor.id()), "article.state.approved-by-you");
        approvals.add(new Approval(editor.id(), clock.instant()));
        if (approvals.size() >= Math.max(1, requiredApprovals)) {
            review = ReviewState.APPROVED;
        }
        modifiedAt = clock.instant();
    }

    /** An editor who is not the author sends the article back with a note; its approvals are void. */
    void sendBack(StaffMember editor, String note, Clock clock) {
        requireReviewer(editor);
        require(
                review == ReviewState.WAITING || (review == ReviewState.APPROVED && status != ArticleStatus.PUBLISHED),
                "article.state.not-waiting");
        require(!note.isBlank(), "article.error.review-note-missing");
        require(note.strip().length() <= ArticleContent.MAX_CORRECTION, "article.error.review-note-too-long");
        review = ReviewState.SENT_BACK;
        reviewNote = note.strip();
        approvals.clear();
        if (status == ArticleStatus.SCHEDULED) {
            status = ArticleStatus.DRAFT;
            publishAt = null;
        }
        modifiedAt = clock.instant();
    }

    /**
     * A scheduled article without the approvals its section asks for (an edit voided them, or the
     * section asks for more since it was scheduled) goes back to draft: only what was approved
     * goes live. True when it did.
     */
    boolean holdForReview(int requiredApprovals) {
        if (status == ArticleStatus.SCHEDULED && approvals.size() < requiredApprovals) {
            status = ArticleStatus.DRAFT;
            publishAt = null;
            if (review == ReviewState.APPROVED) {
                // short of the approvals asked for now: another editor may add theirs
                review = ReviewState.WAITING;
            }
            return true;
        }
        return false;
    }

    private void requireReviewer(StaffMember editor) {
        require(editor.role().atLeast(Role.EDITOR), "article.denied.review");
        require(!isOwnedBy(editor), "article.denied.review-own");
    }

    private void requireApproved(int requiredApprovals) {
        require(approvals.size() >= requiredApprovals, "article.state.needs-approval");
    }

    private void goLive(Clock clock) {
        status = ArticleStatus.PUBLISHED;
        modifiedAt = clock.instant();
        registerEvent(new ArticlePublished(id(), language, slug, Objects.requireNonNull(publishAt)));
    }

    private void requireReadyToPublish() {
        var problems = content().problemsBeforePublishing();
        if (!problems.isEmpty()) {
            throw new PublishingException(problems.values().iterator().next());
        }
    }

    private boolean everPublished() {
        return status == ArticleStatus.PUBLISHED || status == ArticleStatus.UNPUBLISHED;
    }

    private void apply(ArticleContent content) {
        language = content.language();
        slug = content.slug();
        headline = content.headline().strip();
        subheadline = blankToNull(content.subheadline());
        body = content.body();
        sectionId = content.sectionId();
        bylines = new ArrayList<>(content.bylines().stream().map(Byline::new).toList());
        tags = new LinkedHashSet<>(content.tags().stream().map(Tag::new).toList());
        lead = content.lead();
    }

    private static void require(boolean condition, String messageKey) {
        if (!condition) {
            throw messageKey.startsWith("article.denied")
                    ? new PublishingDenied(messageKey)
                    : new PublishingException(messageKey);
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    // --- reading ---------------------------------------------------------------------------

    ArticleContent content() {
        return new ArticleContent(
                language,
                slug,
                headline,
                subheadline,
                body,
                sectionId,
                bylines.stream().map(Byline::name).toList(),
                tags.stream().map(Tag::name).toList(),
                lead);
    }

    long id() {
        return Objects.requireNonNull(id, "article not saved yet");
    }

    @Nullable
    Long version() {
        return version;
    }

    Language language() {
        return language;
    }

    String slug() {
        return slug;
    }

    String headline() {
        return headline;
    }

    ArticleStatus status() {
        return status;
    }

    @Nullable
    Instant publishAt() {
        return publishAt;
    }

    @Nullable
    Instant updatedAt() {
        return updatedAt;
    }

    @Nullable
    ReviewState review() {
        return review;
    }

    @Nullable
    String reviewNote() {
        return reviewNote;
    }

    /** The editors who approved the article as it stands, in no particular order. */
    Set<Long> approvedBy() {
        var ids = new LinkedHashSet<Long>();
        approvals.forEach(a -> ids.add(a.approvedBy()));
        return ids;
    }

    @Nullable
    Instant materialUpdateAt() {
        return materialUpdateAt;
    }

    long createdBy() {
        return createdBy;
    }

    Instant modifiedAt() {
        return modifiedAt;
    }

    /** The events registered and not yet published with a save. */
    List<Object> pendingEvents() {
        return List.copyOf(domainEvents());
    }

    List<Correction> corrections() {
        return List.copyOf(corrections);
    }

    @Table("article_byline")
    record Byline(String name) {}

    @Table("article_tag")
    record Tag(String name) {}

    @Table("article_correction")
    record Correction(Instant notedAt, String text) {}

    @Table("article_approval")
    record Approval(long approvedBy, Instant approvedAt) {}

    @Table("article_former_slug")
    record FormerSlug(Language language, String slug) {}
}
