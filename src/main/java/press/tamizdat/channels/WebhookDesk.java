package press.tamizdat.channels;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import press.tamizdat.platform.SqlTime;
import press.tamizdat.web.UiFactory;

/**
 * Webhooks in the newsroom, for admins: the endpoints with the events they receive (a new one's
 * secret shown once), switched off or removed here, and the latest deliveries with their outcome.
 * Every change is in the audit log.
 */
@Controller
class WebhookDesk {

    static final int DELIVERIES_SHOWN = 50;

    private final Webhooks webhooks;
    private final JdbcClient db;
    private final CurrentStaff staff;
    private final AuditLog audit;
    private final UiFactory uis;

    WebhookDesk(Webhooks webhooks, JdbcClient db, CurrentStaff staff, AuditLog audit, UiFactory uis) {
        this.webhooks = webhooks;
        this.db = db;
        this.staff = staff;
        this.audit = audit;
        this.uis = uis;
    }

    /** What the admin typed, kept when the form comes back with problems. */
    record Typed(String url, String description, List<String> events) {}

    record DeliveryRow(
            String messageId,
            String endpoint,
            String event,
            String status,
            int attempts,
            @Nullable Integer lastStatus,
            @Nullable String lastError,
            Instant createdAt,
            @Nullable Instant nextAttemptAt,
            @Nullable Instant deliveredAt) {}

    record WebhooksView(
            List<Webhooks.Endpoint> endpoints,
            List<String> eventTypes,
            Typed typed,
            Map<String, String> problems,
            @Nullable String secret,
            @Nullable String notice,
            List<DeliveryRow> deliveries) {}

    @GetMapping("/newsroom/webhooks")
    String show(HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.ADMIN);
        return show(
                new Typed("", "", List.of()),
                Map.of(),
                (String) model.asMap().get("secret"),
                (String) model.asMap().get("notice"),
                request,
                model);
    }

    @PostMapping("/newsroom/webhooks")
    String add(
            @RequestParam(defaultValue = "") String url,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(name = "events", required = false) @Nullable List<String> events,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        staff.requireAtLeast(Role.ADMIN);
        var chosen =
                events == null ? List.<String>of() : events.stream().limit(10).toList();
        var typed = new Typed(limit(url, 2000), limit(description, 300), chosen);
        var added = webhooks.add(typed.url(), typed.description(), chosen);
        if (!added.problems().isEmpty()) {
            response.setStatus(422);
            return show(typed, added.problems(), null, null, request, model);
        }
        audit.record("webhook-added", typed.url().strip());
        redirect.addFlashAttribute("secret", added.secret());
        redirect.addFlashAttribute("notice", "webhooks.added");
        return "redirect:/newsroom/webhooks";
    }

    @PostMapping("/newsroom/webhooks/{id}/active")
    String active(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.ADMIN);
        webhooks.setActive(id, active);
        audit.record(active ? "webhook-on" : "webhook-off", "endpoint " + id);
        redirect.addFlashAttribute("notice", active ? "webhooks.switched-on" : "webhooks.switched-off");
        return "redirect:/newsroom/webhooks";
    }

    @PostMapping("/newsroom/webhooks/{id}/remove")
    String remove(@PathVariable long id, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.ADMIN);
        webhooks.remove(id);
        audit.record("webhook-removed", "endpoint " + id);
        redirect.addFlashAttribute("notice", "webhooks.removed");
        return "redirect:/newsroom/webhooks";
    }

    private String show(
            Typed typed,
            Map<String, String> problems,
            @Nullable String secret,
            @Nullable String notice,
            HttpServletRequest request,
            Model model) {
        var deliveries = db.sql("""
                        SELECT d.message_id, e.url, d.event_type, d.status, d.attempts, d.last_status, d.last_error,
                               d.created_at, d.next_attempt_at, d.delivered_at
                        FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
                        ORDER BY d.id DESC LIMIT :limit
                        """)
                .param("limit", DELIVERIES_SHOWN)
                .query((rs, n) -> new DeliveryRow(
                        rs.getString("message_id"),
                        rs.getString("url"),
                        rs.getString("event_type"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getObject("last_status") == null ? null : rs.getInt("last_status"),
                        rs.getString("last_error"),
                        java.util.Objects.requireNonNull(SqlTime.instant(rs, "created_at")),
                        SqlTime.instant(rs, "next_attempt_at"),
                        SqlTime.instant(rs, "delivered_at")))
                .list();
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new WebhooksView(
                        webhooks.all(),
                        java.util.Arrays.stream(Webhooks.Event.values())
                                .map(e -> e.type)
                                .toList(),
                        typed,
                        problems,
                        secret,
                        notice,
                        deliveries));
        return "channels/webhooks";
    }

    private static String limit(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
