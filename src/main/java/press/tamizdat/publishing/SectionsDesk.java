package press.tamizdat.publishing;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;

/**
 * The sections and how many editors must approve each one's articles before publication: for
 * admins, since lowering it would let one person publish what two were meant to agree on.
 */
@Controller
class SectionsDesk {

    private final Sections sections;
    private final SectionApprovals approvals;
    private final CurrentStaff staff;
    private final AuditLog audit;

    SectionsDesk(Sections sections, SectionApprovals approvals, CurrentStaff staff, AuditLog audit) {
        this.sections = sections;
        this.approvals = approvals;
        this.staff = staff;
        this.audit = audit;
    }

    record Row(Section section, int approvals) {}

    record SectionsPage(List<Row> rows, @Nullable String notice) {}

    @GetMapping("/newsroom/sections")
    String list(Model model) {
        staff.requireAtLeast(Role.ADMIN);
        var required = approvals.all();
        var rows = sections.all().stream()
                .map(section -> new Row(section, required.getOrDefault(section.id(), 0)))
                .toList();
        model.addAttribute("page", new SectionsPage(rows, (String) model.getAttribute("notice")));
        return "publishing/sections";
    }

    @PostMapping("/newsroom/sections/{id}/approvals")
    String approvals(
            @PathVariable long id, @RequestParam(defaultValue = "") String approvals, RedirectAttributes redirect) {
        var admin = staff.requireAtLeast(Role.ADMIN);
        int wanted;
        try {
            wanted = Integer.parseInt(approvals);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "approvals must be 0, 1 or 2");
        }
        if (wanted < 0 || wanted > SectionApprovals.MOST) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "approvals must be 0, 1 or 2");
        }
        if (!this.approvals.set(id, wanted)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        audit.record(admin, "section-approvals", "section " + id + ": " + wanted);
        redirect.addFlashAttribute("notice", "sections.notice.saved");
        return "redirect:/newsroom/sections";
    }
}
