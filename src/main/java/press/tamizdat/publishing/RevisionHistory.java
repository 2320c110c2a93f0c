package press.tamizdat.publishing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;

/** An article's saved revisions: list them, read one, restore one as the newest. */
@Controller
class RevisionHistory {

    private final ArticleDesk desk;
    private final StaffAccounts staff;
    private final CurrentStaff currentStaff;
    private final Markdown markdown;

    RevisionHistory(ArticleDesk desk, StaffAccounts staff, CurrentStaff currentStaff, Markdown markdown) {
        this.desk = desk;
        this.staff = staff;
        this.currentStaff = currentStaff;
        this.markdown = markdown;
    }

    record Entry(
            int number,
            java.time.Instant savedAt,
            String savedBy,
            String note,
            @Nullable String remark) {}

    record HistoryPage(long articleId, String headline, List<Entry> entries, boolean mayRestore) {}

    record RevisionPage(long articleId, Entry entry, ArticleContent content, String bodyHtml, boolean mayRestore) {}

    @GetMapping("/newsroom/articles/{id}/revisions")
    String list(@PathVariable long id, Model model) {
        Article article = readable(id);
        Map<Long, String> names = names();
        var entries = desk.revisions(id).stream().map(r -> entry(r, names)).toList();
        model.addAttribute(
                "page",
                new HistoryPage(id, article.headline(), entries, article.mayBeEditedBy(currentStaff.require())));
        return "publishing/revisions";
    }

    @GetMapping("/newsroom/articles/{id}/revisions/{number}")
    String show(@PathVariable long id, @PathVariable int number, Model model) {
        Article article = readable(id);
        Revision revision = desk.revisions(id).stream()
                .filter(r -> r.number() == number)
                .findFirst()
                .orElseThrow(() -> new ArticleDesk.NotFound("revision"));
        ArticleContent content = desk.contentOf(revision);
        model.addAttribute(
                "page",
                new RevisionPage(
                        id,
                        entry(revision, names()),
                        content,
                        markdown.toSafeHtml(content.body()),
                        article.mayBeEditedBy(currentStaff.require())));
        return "publishing/revision";
    }

    @PostMapping("/newsroom/articles/{id}/revisions/{number}/restore")
    String restore(@PathVariable long id, @PathVariable int number, RedirectAttributes redirect) {
        var restored = desk.restore(id, number, currentStaff.require());
        redirect.addFlashAttribute(
                "notice", restored.ok() ? "revision.notice.restored" : "revision.notice.not-restored");
        return "redirect:/newsroom/articles/" + id;
    }

    /** The article, if the signed-in member may see it (a contributor only their own). */
    private Article readable(long id) {
        Article article = desk.load(id);
        if (!article.mayBeReadBy(currentStaff.require())) {
            throw new PublishingDenied("article.denied.read");
        }
        return article;
    }

    private Map<Long, String> names() {
        return staff.all().stream().collect(Collectors.toMap(StaffMember::id, StaffMember::name));
    }

    private static Entry entry(Revision r, Map<Long, String> names) {
        return new Entry(r.number(), r.savedAt(), names.getOrDefault(r.savedBy(), "?"), r.note(), r.remark());
    }
}
