package press.tamizdat.publishing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.platform.Language;

/** The newsroom's editor for standing pages (About, Contact, Privacy Policy); editors and admins edit. */
@Controller
class PageEditor {

    private final StandingPages pages;
    private final CurrentStaff currentStaff;

    private final AuditLog audit;

    PageEditor(StandingPages pages, CurrentStaff currentStaff, AuditLog audit) {
        this.audit = audit;
        this.pages = pages;
        this.currentStaff = currentStaff;
    }

    record PageList(List<StandingPages.Source> pages) {}

    record PageForm(
            long id,
            String slug,
            Language language,
            String title,
            String body,
            int version,
            int lockVersion,
            Map<String, String> problems,
            @Nullable String notice,
            boolean mayEdit) {}

    @GetMapping("/newsroom/pages")
    String list(Model model) {
        model.addAttribute("page", new PageList(pages.all()));
        return "publishing/pages";
    }

    @GetMapping("/newsroom/pages/{id}")
    String edit(@PathVariable long id, Model model) {
        var page = pages.find(id).orElseThrow(() -> new ArticleDesk.NotFound("page"));
        return show(
                model,
                new PageForm(
                        page.id(),
                        page.slug(),
                        page.language(),
                        page.title(),
                        page.body(),
                        page.version(),
                        page.lockVersion(),
                        Map.of(),
                        (String) model.getAttribute("notice"),
                        mayEdit()));
    }

    @PostMapping("/newsroom/pages/{id}")
    String save(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "false") boolean newVersion,
            @RequestParam(defaultValue = "-1") int lockVersion,
            Model model,
            RedirectAttributes redirect) {
        if (!mayEdit()) {
            throw new PublishingDenied("page.denied");
        }
        var page = pages.find(id).orElseThrow(() -> new ArticleDesk.NotFound("page"));
        var problems = new LinkedHashMap<String, String>();
        if (title.isBlank() || title.length() > ArticleContent.MAX_HEADLINE) {
            problems.put("title", "page.error.title");
        }
        if (body.length() > ArticleContent.MAX_BODY) {
            problems.put("body", "article.error.body-too-long");
        }
        if (problems.isEmpty() && !pages.save(id, lockVersion, title, body, newVersion)) {
            // saved by someone else since this form was opened: what was typed comes back to compare
            problems.put("form", "page.error.conflict");
            page = pages.find(id).orElseThrow(() -> new ArticleDesk.NotFound("page"));
        }
        if (!problems.isEmpty()) {
            return show(
                    model,
                    new PageForm(
                            id,
                            page.slug(),
                            page.language(),
                            title,
                            body,
                            page.version(),
                            page.lockVersion(),
                            problems,
                            null,
                            true));
        }
        audit.record("page-changed", "page " + id + (newVersion ? ", new version" : ""));
        redirect.addFlashAttribute("notice", "page.notice.saved");
        return "redirect:/newsroom/pages/" + id;
    }

    private boolean mayEdit() {
        return currentStaff.require().role().atLeast(Role.EDITOR);
    }

    private static String show(Model model, PageForm form) {
        model.addAttribute("page", form);
        return "publishing/page";
    }
}
