package press.tamizdat.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;

/**
 * The newsroom's article editor: write, preview, save, publish, schedule and unpublish. Every
 * action works as a plain form post; a small script adds the live preview.
 *
 * <p>A little longer than our other classes: every form of the editor (write, preview, save,
 * publish, schedule, unpublish, translate) posts here (the review step's have their own controller,
 * {@link ReviewActions}), so that the editor's page is built in one
 * place for all of them.
 */
@Controller
class ArticleEditor {

    private final ArticleDesk desk;
    private final Sections sections;
    private final MediaLibrary media;
    private final Markdown markdown;
    private final CurrentStaff currentStaff;
    private final ZoneId zone;
    private final SectionApprovals approvals;
    private final StaffAccounts staff;

    ArticleEditor(
            ArticleDesk desk,
            Sections sections,
            SectionApprovals approvals,
            StaffAccounts staff,
            MediaLibrary media,
            Markdown markdown,
            CurrentStaff currentStaff,
            TamizdatSettings settings) {
        this.desk = desk;
        this.sections = sections;
        this.approvals = approvals;
        this.staff = staff;
        this.media = media;
        this.markdown = markdown;
        this.currentStaff = currentStaff;
        this.zone = settings.site().zone();
    }

    /** What the editor template shows. */
    record EditorPage(
            @Nullable Long id,
            ArticleForm form,
            @Nullable ArticleStatus status,
            @Nullable String publicPath,
            List<Section> sections,
            @Nullable String leadPhotoUrl,
            Map<String, String> problems,
            @Nullable String notice,
            @Nullable String previewHtml,
            boolean mayEdit,
            boolean mayPublish,
            @Nullable String translationPath,
            @Nullable ReviewView review) {

        @Nullable
        String problem(String field) {
            return problems.get(field);
        }
    }

    /**
     * Where an article stands in review, and what the viewer may do about it: submit it, approve it
     * or send it back (an editor who did not write it).
     */
    record ReviewView(
            @Nullable ReviewState state,
            int required,
            List<String> approvedBy,
            @Nullable String note,
            boolean maySubmit,
            boolean mayApprove,
            boolean maySendBack) {}

    @GetMapping("/newsroom/articles/new")
    String newArticle(Model model) {
        StaffMember staff = currentStaff.require();
        var form = ArticleForm.blank(staff.name(), sections.all().getFirst().id());
        return show(
                model,
                new EditorPage(
                        null,
                        form,
                        null,
                        null,
                        sections.all(),
                        null,
                        Map.of(),
                        null,
                        null,
                        true,
                        staff.role().atLeast(press.tamizdat.newsroom.Role.AUTHOR),
                        null,
                        null));
    }

    @PostMapping("/newsroom/articles")
    String create(
            @ModelAttribute ArticleForm form,
            @RequestParam(defaultValue = "save") String action,
            @RequestParam(required = false) @Nullable MultipartFile leadPhoto,
            Model model,
            RedirectAttributes redirect) {
        StaffMember staff = currentStaff.require();
        boolean mayPublish = staff.role().atLeast(press.tamizdat.newsroom.Role.AUTHOR);
        var problems = new LinkedHashMap<String, String>();
        form = attachUpload(form, leadPhoto, staff, problems, action);
        if (action.equals("preview") || !problems.isEmpty()) {
            return show(
                    model,
                    editing(
                            null,
                            form,
                            null,
                            null,
                            problems,
                            null,
                            action.equals("preview"),
                            true,
                            mayPublish,
                            null,
                            null));
        }
        var saved = desk.create(form.content(), staff);
        if (!saved.ok()) {
            return show(
                    model,
                    editing(null, form, null, null, saved.problems(), null, false, true, mayPublish, null, null));
        }
        long id = java.util.Objects.requireNonNull(saved.articleId());
        desk.keepOffChannels(id, form.keptOffChannels(), staff);
        return afterSave(id, action, form, staff, model, redirect, "article.notice.created");
    }

    @GetMapping("/newsroom/articles/{id}")
    String edit(@PathVariable long id, Model model) {
        Article article = desk.load(id);
        if (!article.mayBeReadBy(currentStaff.require())) {
            throw new PublishingDenied("article.denied.read");
        }
        var problem = (String) model.getAttribute("problem");
        return show(
                model,
                page(
                        article,
                        ArticleForm.of(article, zone),
                        problem == null ? Map.of() : Map.of("form", problem),
                        (String) model.getAttribute("notice"),
                        false));
    }

    @PostMapping("/newsroom/articles/{id}")
    String save(
            @PathVariable long id,
            @ModelAttribute ArticleForm form,
            @RequestParam(defaultValue = "save") String action,
            @RequestParam(required = false) @Nullable MultipartFile leadPhoto,
            Model model,
            RedirectAttributes redirect) {
        StaffMember staff = currentStaff.require();
        Article article = desk.load(id);
        if (!article.mayBeEditedBy(staff)) {
            throw new PublishingDenied("article.denied.edit");
        }
        var problems = new LinkedHashMap<String, String>();
        form = attachUpload(form, leadPhoto, staff, problems, action);
        if (action.equals("preview") || !problems.isEmpty()) {
            return show(model, page(article, form, problems, null, action.equals("preview")));
        }
        try {
            var saved = desk.revise(
                    id,
                    form.version() == null ? -1 : form.version(),
                    form.content(),
                    form.correction(),
                    form.isMaterialUpdate(),
                    staff);
            if (!saved.ok()) {
                return show(model, page(article, form, saved.problems(), null, false));
            }
            desk.keepOffChannels(id, form.keptOffChannels(), staff);
        } catch (OptimisticLockingFailureException e) {
            return show(model, page(article, form, Map.of("form", "article.error.conflict"), null, false));
        }
        return afterSave(id, action, form, staff, model, redirect, "article.notice.saved");
    }

    @PostMapping("/newsroom/articles/{id}/unpublish")
    String unpublish(@PathVariable long id, RedirectAttributes redirect) {
        try {
            desk.unpublish(id, currentStaff.require());
            redirect.addFlashAttribute("notice", "article.notice.unpublished");
        } catch (PublishingDenied denied) {
            throw denied;
        } catch (PublishingException | OptimisticLockingFailureException e) {
            // e.g. a second click, or a colleague acted first: say what the article's state is now
            redirect.addFlashAttribute("problem", problemKey(e));
        }
        return "redirect:/newsroom/articles/" + id;
    }

    @PostMapping("/newsroom/articles/{id}/unschedule")
    String unschedule(@PathVariable long id, RedirectAttributes redirect) {
        try {
            desk.unschedule(id, currentStaff.require());
            redirect.addFlashAttribute("notice", "article.notice.unscheduled");
        } catch (PublishingDenied denied) {
            throw denied;
        } catch (PublishingException | OptimisticLockingFailureException e) {
            redirect.addFlashAttribute("problem", problemKey(e));
        }
        return "redirect:/newsroom/articles/" + id;
    }

    /** The live preview: the body rendered exactly as readers will get it. */
    @PostMapping(path = "/newsroom/preview", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String preview(@RequestParam(defaultValue = "") String body) {
        return markdown.toSafeHtml(body);
    }

    private String afterSave(
            long id,
            String action,
            ArticleForm form,
            StaffMember staff,
            Model model,
            RedirectAttributes redirect,
            String notice) {
        try {
            switch (action) {
                case "publish" -> {
                    desk.publish(id, staff);
                    notice = "article.notice.published";
                }
                case "schedule" -> {
                    var at = form.scheduledTime(zone);
                    if (at.isEmpty()) {
                        Article article = desk.load(id);
                        return show(
                                model,
                                page(
                                        article,
                                        ArticleForm.of(article, zone).withPublishAt(form.publishAt()),
                                        Map.of("publishAt", "article.error.schedule-time"),
                                        "article.notice.saved",
                                        false));
                    }
                    desk.schedule(id, at.get(), staff);
                    notice = "article.notice.scheduled";
                }
                default -> {}
            }
        } catch (PublishingDenied denied) {
            throw denied;
        } catch (PublishingException e) {
            Article article = desk.load(id);
            return show(
                    model,
                    page(
                            article,
                            ArticleForm.of(article, zone).withPublishAt(form.publishAt()),
                            Map.of("form", e.messageKey()),
                            "article.notice.saved",
                            false));
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/newsroom/articles/" + id;
    }

    private static String problemKey(RuntimeException e) {
        return e instanceof PublishingException publishing
                ? publishing.messageKey()
                : "article.error.changed-meanwhile";
    }

    private ArticleForm attachUpload(
            ArticleForm form,
            @Nullable MultipartFile upload,
            StaffMember staff,
            Map<String, String> problems,
            String action) {
        if (upload == null || upload.isEmpty()) {
            return form;
        }
        if (action.equals("preview")) {
            // a preview stores nothing: the photo goes into the library when the article is saved
            problems.put("leadPhoto", "editor.lead.upload-on-save");
            return form;
        }
        try {
            return form.withLeadPhoto(media.store(upload.getBytes(), staff.id()).id());
        } catch (MediaRejected rejected) {
            problems.put("leadPhoto", rejected.messageKey());
            return form;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EditorPage page(
            Article article, ArticleForm form, Map<String, String> problems, @Nullable String notice, boolean preview) {
        StaffMember staff = currentStaff.require();
        if (form.offChannels() == null) {
            form = form.withOffChannels(desk.offChannels(article.id()));
        }
        return editing(
                article.id(),
                form,
                article.status(),
                article.status() == ArticleStatus.PUBLISHED
                        ? PublicPaths.article(article.language(), article.slug())
                        : null,
                problems,
                notice,
                preview,
                article.mayBeEditedBy(staff),
                article.mayBePublishedBy(staff),
                translationPath(article),
                review(article, staff));
    }

    private ReviewView review(Article article, StaffMember viewer) {
        var state = article.review();
        boolean notLive = article.status() != ArticleStatus.PUBLISHED;
        boolean reviewer = viewer.role().atLeast(Role.EDITOR) && !article.isOwnedBy(viewer);
        var names = staff.all().stream()
                .filter(member -> article.approvedBy().contains(member.id()))
                .map(StaffMember::name)
                .toList();
        return new ReviewView(
                state,
                approvals.required(article.content().sectionId()),
                names,
                article.reviewNote(),
                article.mayBeEditedBy(viewer)
                        && (article.status() == ArticleStatus.DRAFT || article.status() == ArticleStatus.UNPUBLISHED)
                        && state != ReviewState.WAITING,
                reviewer
                        && state == ReviewState.WAITING
                        && !article.approvedBy().contains(viewer.id()),
                reviewer && notLive && (state == ReviewState.WAITING || state == ReviewState.APPROVED));
    }

    private @Nullable String translationPath(Article article) {
        Long partner = article.translationId();
        if (partner == null) {
            return null;
        }
        Article other = desk.load(partner);
        return PublicPaths.article(other.language(), other.slug());
    }

    /** Links the article to its translation in the other language by the translation's address. */
    @PostMapping("/newsroom/articles/{id}/translation")
    String translation(
            @PathVariable long id, @RequestParam(defaultValue = "") String address, RedirectAttributes redirect) {
        try {
            desk.linkTranslation(id, address, currentStaff.require());
            redirect.addFlashAttribute("notice", "article.notice.translation");
        } catch (PublishingDenied denied) {
            throw denied;
        } catch (PublishingException e) {
            redirect.addFlashAttribute("problem", e.messageKey());
        }
        return "redirect:/newsroom/articles/" + id;
    }

    private EditorPage editing(
            @Nullable Long id,
            ArticleForm form,
            @Nullable ArticleStatus status,
            @Nullable String publicPath,
            Map<String, String> problems,
            @Nullable String notice,
            boolean preview,
            boolean mayEdit,
            boolean mayPublish,
            @Nullable String translationPath,
            @Nullable ReviewView review) {
        String photoUrl = form.leadMediaId() == null
                ? null
                : media.find(form.leadMediaId())
                        .map(m -> m.url(m.widthUpTo(640)))
                        .orElse(null);
        String previewHtml = preview ? markdown.toSafeHtml(form.body() == null ? "" : form.body()) : null;
        return new EditorPage(
                id,
                form,
                status,
                publicPath,
                sections.all(),
                photoUrl,
                problems,
                notice,
                previewHtml,
                mayEdit,
                mayPublish,
                translationPath,
                review);
    }

    private static String show(Model model, EditorPage page) {
        model.addAttribute("page", page);
        return "publishing/editor";
    }
}
