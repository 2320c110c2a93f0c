package press.tamizdat.newsletter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.web.UiFactory;

/**
 * Subscribers in the newsroom, for admins (the list is what a state attacker would want most):
 * counts per newsletter and state, search, suppression, erasure, CSV import and export.
 */
@Controller
class SubscribersDesk {

    static final long MAX_IMPORT_BYTES = 20L * 1024 * 1024;
    private static final List<String> STATUSES = List.of("PENDING", "CONFIRMED", "BOUNCED", "SUPPRESSED");

    private final Subscribers subscribers;
    private final Newsletters newsletters;
    private final CurrentStaff staff;
    private final UiFactory uis;

    private final AuditLog audit;

    SubscribersDesk(
            Subscribers subscribers, Newsletters newsletters, CurrentStaff staff, UiFactory uis, AuditLog audit) {
        this.audit = audit;
        this.subscribers = subscribers;
        this.newsletters = newsletters;
        this.staff = staff;
        this.uis = uis;
    }

    record ListView(
            List<Subscribers.Count> counts,
            List<Subscribers.Count> addresses,
            String query,
            @Nullable String status,
            List<String> statuses,
            List<Subscribers.Row> rows,
            List<Newsletter> newsletters,
            Subscribers.@Nullable Imported imported,
            @Nullable String problem,
            @Nullable String notice) {}

    @GetMapping("/newsroom/subscribers")
    String list(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status,
            HttpServletRequest request,
            Model model) {
        staff.requireAtLeast(Role.ADMIN);
        String chosen = STATUSES.contains(status) ? status : null;
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new ListView(
                        subscribers.counts(),
                        subscribers.addressCounts(),
                        q,
                        chosen,
                        STATUSES,
                        subscribers.search(q, chosen),
                        newsletters.all(),
                        (Subscribers.Imported) model.asMap().get("imported"),
                        (String) model.asMap().get("problem"),
                        (String) model.asMap().get("notice")));
        return "newsletter/subscribers";
    }

    @PostMapping("/newsroom/subscribers/{id}/suppress")
    String suppress(@PathVariable long id, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.ADMIN);
        subscribers.suppress(id);
        audit.record("subscriber-suppressed", "subscriber " + id);
        redirect.addFlashAttribute("notice", "subscribers.suppressed");
        return "redirect:/newsroom/subscribers";
    }

    @PostMapping("/newsroom/subscribers/{id}/erase")
    String erase(@PathVariable long id, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.ADMIN);
        subscribers.erase(id);
        audit.record("subscriber-erased", "subscriber " + id);
        redirect.addFlashAttribute("notice", "subscribers.erased");
        return "redirect:/newsroom/subscribers";
    }

    @PostMapping("/newsroom/subscribers/import")
    String importCsv(
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "0") long newsletter,
            @RequestParam(defaultValue = "") String source,
            RedirectAttributes redirect)
            throws IOException {
        staff.requireAtLeast(Role.ADMIN);
        var target = newsletters.find(newsletter);
        String problem = file == null || file.isEmpty()
                ? "subscribers.problem.no-file"
                : file.getSize() > MAX_IMPORT_BYTES
                        ? "subscribers.problem.too-big"
                        : target.isEmpty()
                                ? "subscribers.problem.no-newsletter"
                                : source.isBlank() || source.length() > 200 ? "subscribers.problem.source" : null;
        if (problem != null) {
            redirect.addFlashAttribute("problem", problem);
            return "redirect:/newsroom/subscribers";
        }
        try (var csv = new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
            redirect.addFlashAttribute("imported", subscribers.importCsv(csv, target.get(), source.strip()));
        }
        audit.record("subscribers-imported", target.get().name() + " from " + source.strip());
        return "redirect:/newsroom/subscribers";
    }

    @GetMapping("/newsroom/subscribers.csv")
    void export(HttpServletResponse response) throws IOException {
        staff.requireAtLeast(Role.ADMIN);
        audit.record("subscribers-exported", null);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"subscribers.csv\"");
        subscribers.exportCsv(response.getWriter());
    }
}
