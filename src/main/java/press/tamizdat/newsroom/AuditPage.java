package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import press.tamizdat.web.UiFactory;

/** The audit log for admins: the latest entries, and all of them as CSV (which is itself logged). */
@Controller
class AuditPage {

    private final AuditLog audit;
    private final CurrentStaff staff;
    private final UiFactory uis;

    AuditPage(AuditLog audit, CurrentStaff staff, UiFactory uis) {
        this.audit = audit;
        this.staff = staff;
        this.uis = uis;
    }

    record AuditView(List<AuditLog.Entry> entries) {}

    @GetMapping("/newsroom/audit")
    String list(HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.ADMIN);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", new AuditView(audit.latest(500)));
        return "newsroom/audit";
    }

    @GetMapping("/newsroom/audit.csv")
    void csv(HttpServletResponse response) throws IOException {
        staff.requireAtLeast(Role.ADMIN);
        audit.record("audit-exported", null);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("audit.csv").build().toString());
        audit.csv(response.getWriter());
    }
}
