package press.tamizdat.publishing;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newsroom's publishing actions: write, revise, publish, schedule, unpublish and restore.
 * Every save keeps a revision; the article itself decides who may do what.
 */
@Service
class ArticleDesk {

    private final ArticleRepository articles;
    private final RevisionRepository revisions;
    private final Sections sections;
    private final SectionApprovals approvals;
    private final StoryMedia story;
    private final SchedulerClient scheduler;
    private final JsonMapper json;
    private final Clock clock;

    private final AuditLog audit;
    private final org.springframework.jdbc.core.simple.JdbcClient db;
    private final org.springframework.context.ApplicationEventPublisher events;

    ArticleDesk(
            ArticleRepository articles,
            RevisionRepository revisions,
            Sections sections,
            SectionApprovals approvals,
            StoryMedia story,
            SchedulerClient scheduler,
            JsonMapper json,
            AuditLog audit,
            Clock clock,
            org.springframework.jdbc.core.simple.JdbcClient db,
            org.springframework.context.ApplicationEventPublisher events) {
        this.db = db;
        this.events = events;
        this.audit = audit;
        this.articles = articles;
        this.revisions = revisions;
        this.sections = sections;
        this.approvals = approvals;
        this.story = story;
        this.scheduler = scheduler;
        this.json = json;
        this.clock = clock;
    }

    /** The outcome of a save: the article's id, or the problems that kept it from being saved. */
    record Saved(@Nullable Long articleId, Map<String, String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    @Transactional
    Saved create(ArticleContent content, StaffMember author) {
        var problems = problems(content, null);
        if (!problems.isEmpty()) {
            return new Saved(null, problems);
        }
        Article article = articles.save(Article.draft(content, author, clock));
        keepRevision(article, author, "revision.note.created");
        return new Saved(article.id(), Map.of());
    }

    /**
     * Saves an edit made on top of {@code baseVersion}; a save over someone else's newer change is
     * refused rather than silently overwriting it.
     */
    @Transactional
    Saved revise(
            long id,
            long baseVersion,
            ArticleContent content,
            @Nullable String correction,
            boolean material,
            StaffMember editor) {
        Article article = load(id);
        if (!Objects.equals(article.version(), baseVersion)) {
            throw new OptimisticLockingFailureException("article " + id + " changed since it was opened");
        }
        var problems = new java.util.LinkedHashMap<>(problems(content, article));
        if (correction != null && correction.length() > ArticleContent.MAX_CORRECTION) {
            problems.put("correction", "article.error.correction-too-long");
        }
        if (!problems.isEmpty()) {
            return new Saved(id, problems);
        }
        boolean changed = !content.equals(article.content());
        boolean wasApproved = !article.approvedBy().isEmpty();
        article.revise(content, editor, clock, material);
        boolean held = article.holdForReview(approvals.required(content.sectionId()));
        if (correction != null && !correction.isBlank()) {
            article.addCorrection(correction, editor, clock);
        }
        articles.save(article);
        if (changed) {
            keepRevision(article, editor, "revision.note.saved");
        }
        if (wasApproved && article.approvedBy().isEmpty()) {
            audit.record(editor, "article-approvals-voided", subject(article));
        }
        if (held) {
            cancelJob(id);
            audit.record(editor, "article-held-for-review", subject(article));
        }
        return new Saved(id, Map.of());
    }

    @Transactional
    void publish(long id, StaffMember publisher) {
        Article article = load(id);
        boolean wasScheduled = article.status() == ArticleStatus.SCHEDULED;
        article.publish(publisher, clock, approvals.required(article.content().sectionId()));
        articles.save(article);
        audit.record(publisher, "article-published", subject(article));
        if (wasScheduled) {
            cancelJob(id);
        }
    }

    @Transactional
    void schedule(long id, Instant at, StaffMember publisher) {
        Article article = load(id);
        article.schedule(
                at, publisher, clock, approvals.required(article.content().sectionId()));
        articles.save(article);
        audit.record(publisher, "article-scheduled", subject(article) + " at " + at);
        var instance = ScheduledPublishing.TASK.instance(String.valueOf(id)).build();
        if (!scheduler.scheduleIfNotExists(instance, at)) {
            scheduler.reschedule(instance, at);
        }
    }

    @Transactional
    void unschedule(long id, StaffMember publisher) {
        Article article = load(id);
        article.unschedule(publisher, clock);
        articles.save(article);
        audit.record(publisher, "article-unscheduled", subject(article));
        cancelJob(id);
    }

    void cancelJob(long id) {
        var instance = ScheduledPublishing.TASK.instanceId(String.valueOf(id));
        if (scheduler.getScheduledExecution(instance).isPresent()) {
            scheduler.cancel(instance);
        }
    }

    @Transactional
    void unpublish(long id, StaffMember publisher) {
        Article article = load(id);
        article.unpublish(publisher, clock);
        articles.save(article);
        audit.record(publisher, "article-unpublished", subject(article));
    }

    boolean offChannels(long id) {
        return db.sql("SELECT off_channels FROM article WHERE id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /**
     * Keeps an article off the outlet's channels, or lets it on again; a published article's
     * channels hear of it as a change, so a post already made is taken down or made.
     */
    void keepOffChannels(long id, boolean off, StaffMember editor) {
        Article article = load(id);
        if (!article.mayBeEditedBy(editor)) {
            throw new PublishingDenied("article.denied.edit");
        }
        int changed = db.sql("UPDATE article SET off_channels = :off WHERE id = :id AND off_channels <> :off")
                .param("off", off)
                .param("id", id)
                .update();
        if (changed == 0) {
            return;
        }
        audit.record(editor, off ? "article-off-channels" : "article-on-channels", subject(article));
        if (article.status() == ArticleStatus.PUBLISHED) {
            events.publishEvent(new ArticleChanged(id, article.language(), article.slug()));
        }
    }

    static String subject(Article article) {
        return "article " + article.id() + " (" + article.slug() + ")";
    }

    /**
     * Called by the job at an article's scheduled time, on whichever node claimed it. An article
     * whose section now asks for more approvals than it has goes back to draft instead.
     */
    @Transactional
    boolean publishIfDue(long id) {
        var found = articles.findById(id);
        if (found.isEmpty()) {
            return false;
        }
        Article article = found.get();
        if (article.holdForReview(approvals.required(article.content().sectionId()))) {
            articles.save(article);
            audit.record("article-held-for-review", subject(article));
            return false;
        }
        if (!article.publishIfDue(clock)) {
            return false;
        }
        articles.save(article);
        return true;
    }

    /** Brings back an earlier revision's content as a new revision; history is never rewritten. */
    @Transactional
    Saved restore(long id, int number, StaffMember editor) {
        Article article = load(id);
        Revision revision = revisions.findByArticleIdAndNumber(id, number).orElseThrow(() -> new NotFound("revision"));
        ArticleContent content = json.readValue(revision.content(), ArticleContent.class);
        var problems = problems(content, article);
        if (!problems.isEmpty()) {
            return new Saved(id, problems);
        }
        boolean wasApproved = !article.approvedBy().isEmpty();
        article.revise(content, editor, clock, false);
        boolean held = article.holdForReview(approvals.required(content.sectionId()));
        articles.save(article);
        keepRevision(article, editor, "revision.note.restored");
        if (wasApproved && article.approvedBy().isEmpty()) {
            audit.record(editor, "article-approvals-voided", subject(article));
        }
        if (held) {
            cancelJob(id);
            audit.record(editor, "article-held-for-review", subject(article));
        }
        return new Saved(id, Map.of());
    }

    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("^(?:https?://[^/]+)?/(en|ru)/([a-z0-9-]+)/?$");

    /**
     * Links an article with its translation, given the translation's address ({@code /ru/some-slug}
     * or a full URL); a blank address unlinks. Former partners of either article are unlinked.
     */
    @Transactional
    void linkTranslation(long id, String address, StaffMember editor) {
        Article article = load(id);
        if (address.isBlank()) {
            unlinkPartner(article, editor);
            article.translatedAs(null, editor);
            articles.save(article);
            return;
        }
        var matcher = ADDRESS.matcher(address.strip());
        if (!matcher.matches()) {
            throw new PublishingException("article.error.translation-address");
        }
        Language language = Language.fromCode(matcher.group(1)).orElseThrow();
        Article other = articles.findByLanguageAndSlug(language, matcher.group(2))
                .orElseThrow(() -> new PublishingException("article.error.translation-missing"));
        if (other.id() == id || other.language() == article.language()) {
            throw new PublishingException("article.error.translation-language");
        }
        unlinkPartner(article, editor);
        unlinkPartner(other, editor);
        article.translatedAs(other.id(), editor);
        other.translatedAs(article.id(), editor);
        articles.save(article);
        articles.save(other);
    }

    private void unlinkPartner(Article article, StaffMember editor) {
        Long partnerId = article.translationId();
        if (partnerId != null) {
            articles.findById(partnerId).ifPresent(partner -> {
                partner.translatedAs(null, editor);
                articles.save(partner);
            });
        }
    }

    Article load(long id) {
        return articles.findById(id).orElseThrow(() -> new NotFound("article"));
    }

    List<Revision> revisions(long articleId) {
        return revisions.findByArticleIdOrderByNumberDesc(articleId);
    }

    ArticleContent contentOf(Revision revision) {
        return json.readValue(revision.content(), ArticleContent.class);
    }

    /** What keeps this content from being saved; a live or scheduled article must stay publishable. */
    private Map<String, String> problems(ArticleContent content, @Nullable Article existing) {
        boolean mustStayPublishable = existing != null
                && (existing.status() == ArticleStatus.PUBLISHED || existing.status() == ArticleStatus.SCHEDULED);
        @Nullable Long id = existing == null ? null : existing.id();
        var problems =
                new LinkedHashMap<>(mustStayPublishable ? content.problemsBeforePublishing() : content.problems());
        if (sections.find(content.sectionId()).isEmpty()) {
            problems.put("section", "article.error.section");
        }
        story.problems(content.body()).forEach(problems::putIfAbsent);
        articles.findByLanguageAndSlug(content.language(), content.slug())
                .filter(other -> id == null || other.id() != id)
                .ifPresent(other -> problems.put("slug", "article.error.slug-taken"));
        return problems;
    }

    private void keepRevision(Article article, StaffMember by, String note) {
        keepRevision(article, by, note, null);
    }

    /** Keeps the article's content as a new revision, with a note (a message key) and the staff member's words. */
    void keepRevision(Article article, StaffMember by, String note, @Nullable String remark) {
        int next = revisions
                .findFirstByArticleIdOrderByNumberDesc(article.id())
                .map(r -> r.number() + 1)
                .orElse(1);
        revisions.save(new Revision(
                null,
                article.id(),
                next,
                clock.instant(),
                by.id(),
                note,
                json.writeValueAsString(article.content()),
                remark));
    }

    /** An article or revision that does not exist. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    static class NotFound extends RuntimeException {
        NotFound(String what) {
            super("No such " + what);
        }
    }
}
