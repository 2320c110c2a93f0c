package press.tamizdat.newsletter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.Mailer;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.platform.Ids;
import press.tamizdat.search.Hit;
import press.tamizdat.search.Search;
import press.tamizdat.web.UiFactory;

/**
 * The newsroom's newsletter desk, for editors: the newsletters with their subscriber counts and
 * editions, and an edition's editor — subject, intro, articles found by search under headings
 * with teasers, in order — with preview, a test to oneself, scheduling and cancelling.
 */
@Controller
class EditionDesk {

    private final Editions editions;
    private final EditionMails mails;
    private final Deliveries deliveries;
    private final Newsletters newsletters;
    private final Search search;
    private final Mailer mailer;
    private final CurrentStaff staff;
    private final UiFactory uis;
    private final Subscribers subscribers;

    private final AuditLog audit;

    EditionDesk(
            Editions editions,
            EditionMails mails,
            Deliveries deliveries,
            Newsletters newsletters,
            Search search,
            Mailer mailer,
            CurrentStaff staff,
            UiFactory uis,
            Subscribers subscribers,
            AuditLog audit) {
        this.audit = audit;
        this.editions = editions;
        this.mails = mails;
        this.deliveries = deliveries;
        this.newsletters = newsletters;
        this.search = search;
        this.mailer = mailer;
        this.staff = staff;
        this.uis = uis;
        this.subscribers = subscribers;
    }

    record Row(Newsletter newsletter, int active, int pending, List<Editions.Summary> editions) {}

    record DeskView(List<Row> rows, @Nullable String notice) {}

    /** The editor's form as shown: the edition's own values, or what was just typed and refused. */
    record Form(
            String subject, String intro, boolean fullText, Map<Long, String> headings, Map<Long, String> teasers) {}

    record EditionView(
            Editions.Edition edition,
            Form form,
            Deliveries.Progress progress,
            Instant nextSlot,
            String query,
            List<Hit> hits,
            List<String> headings,
            @Nullable String problem,
            @Nullable String notice) {}

    @GetMapping("/newsroom/newsletters")
    String desk(HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.EDITOR);
        var rows = newsletters.all().stream()
                .map(n -> new Row(
                        n,
                        subscribers.count(n.id(), SubscriptionStatus.ACTIVE),
                        subscribers.count(n.id(), SubscriptionStatus.PENDING),
                        editions.list(n.id())))
                .toList();
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", new DeskView(rows, (String) model.getAttribute("notice")));
        return "newsletter/desk";
    }

    @PostMapping("/newsroom/newsletters/{newsletterId}/links")
    String linkTo(@PathVariable long newsletterId, @RequestParam String linkTo, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.EDITOR);
        var chosen = java.util.Arrays.stream(LinkTo.values())
                .filter(each -> each.name().equalsIgnoreCase(linkTo))
                .findFirst();
        if (newsletters.find(newsletterId).isEmpty() || chosen.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        newsletters.linkTo(newsletterId, chosen.get());
        audit.record(
                "newsletter-links", newsletterId + ": " + chosen.get().name().toLowerCase(java.util.Locale.ROOT));
        redirect.addFlashAttribute("notice", "desk.links.saved");
        return "redirect:/newsroom/newsletters";
    }

    @PostMapping("/newsroom/newsletters/{newsletterId}/editions")
    String create(@PathVariable long newsletterId) {
        var editor = staff.requireAtLeast(Role.EDITOR);
        try {
            return "redirect:/newsroom/editions/" + editions.create(newsletterId, editor.id());
        } catch (Editions.Refused noSuchNewsletter) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @GetMapping("/newsroom/editions/{id}")
    String edit(
            @PathVariable long id, @RequestParam(defaultValue = "") String q, HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.EDITOR);
        var edition = find(id);
        return show(edition, formOf(edition), q, null, request, model);
    }

    @PostMapping("/newsroom/editions/{id}")
    String save(
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String intro,
            @RequestParam(defaultValue = "false") boolean fullText,
            @RequestParam Map<String, String> fields,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        staff.requireAtLeast(Role.EDITOR);
        var headings = new HashMap<Long, String>();
        var teasers = new HashMap<Long, String>();
        fields.forEach((name, value) -> {
            if (name.startsWith("heading-")) {
                Ids.parse(name.substring(8)).ifPresent(item -> headings.put(item, value));
            } else if (name.startsWith("teaser-")) {
                Ids.parse(name.substring(7)).ifPresent(item -> teasers.put(item, value));
            }
        });
        var changes = new Editions.Changes(subject, intro, fullText, headings, teasers);
        try {
            editions.save(id, version, changes);
        } catch (Editions.Refused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            var typed = new Form(subject, intro, fullText, headings, teasers);
            return show(find(id), typed, "", refused.key(), request, model);
        }
        redirect.addFlashAttribute("notice", "edition.saved");
        return "redirect:/newsroom/editions/" + id;
    }

    @PostMapping("/newsroom/editions/{id}/items")
    String add(
            @PathVariable long id,
            @RequestParam long articleId,
            @RequestParam(defaultValue = "") String heading,
            RedirectAttributes redirect) {
        staff.requireAtLeast(Role.EDITOR);
        return act(id, redirect, () -> editions.add(id, articleId, heading));
    }

    @PostMapping("/newsroom/editions/{id}/items/{item}/{action:up|down|remove}")
    String item(
            @PathVariable long id, @PathVariable long item, @PathVariable String action, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.EDITOR);
        return act(id, redirect, () -> {
            switch (action) {
                case "up" -> editions.move(id, item, -1);
                case "down" -> editions.move(id, item, 1);
                default -> editions.remove(id, item);
            }
        });
    }

    @PostMapping("/newsroom/editions/{id}/schedule")
    String schedule(
            @PathVariable long id, @RequestParam(defaultValue = "slot") String when, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.EDITOR);
        return act(id, redirect, () -> {
            editions.schedule(id, when.equals("now") ? Instant.now() : null);
            audit.record("edition-scheduled", "edition " + id + (when.equals("now") ? " now" : ""));
        });
    }

    @PostMapping("/newsroom/editions/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        staff.requireAtLeast(Role.EDITOR);
        return act(id, redirect, () -> {
            editions.cancel(id);
            audit.record("edition-cancelled", "edition " + id);
        });
    }

    @PostMapping("/newsroom/editions/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        var editor = staff.requireAtLeast(Role.EDITOR);
        find(id);
        try {
            mailer.send(mails.addressed(mails.render(id), 0, editor.email()));
            audit.record("edition-test-sent", "edition " + id);
            redirect.addFlashAttribute("notice", "edition.test-sent");
        } catch (MailFailure failure) {
            redirect.addFlashAttribute("problem", "edition.problem.test-failed");
        }
        return "redirect:/newsroom/editions/" + id;
    }

    /** The edition as its mail's HTML, standalone; its inline styles need a policy of their own. */
    @GetMapping("/newsroom/editions/{id}/preview")
    void preview(@PathVariable long id, HttpServletResponse response) throws java.io.IOException {
        staff.requireAtLeast(Role.EDITOR);
        find(id);
        var html = mails.render(id).html();
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    private String show(
            Editions.Edition edition,
            Form form,
            String query,
            @Nullable String problem,
            HttpServletRequest request,
            Model model) {
        String q = query.strip();
        List<Hit> hits = q.isEmpty() || !edition.editable()
                ? List.of()
                : search.search(q, 1).hits();
        model.addAttribute("ui", uis.forRequest(request));
        String flashProblem = (String) model.asMap().get("problem");
        String notice = (String) model.asMap().get("notice");
        model.addAttribute(
                "page",
                new EditionView(
                        edition,
                        form,
                        deliveries.progress(edition.id()),
                        Slots.next(edition.newsletter(), Instant.now()),
                        q,
                        hits,
                        Editions.HEADINGS,
                        problem != null ? problem : flashProblem,
                        notice));
        return "newsletter/edition";
    }

    private String act(long id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (Editions.Refused refused) {
            redirect.addFlashAttribute("problem", refused.key());
        }
        return "redirect:/newsroom/editions/" + id;
    }

    private static Form formOf(Editions.Edition edition) {
        var headings = new HashMap<Long, String>();
        var teasers = new HashMap<Long, String>();
        edition.items().forEach(item -> {
            headings.put(item.id(), item.heading());
            teasers.put(item.id(), item.teaser());
        });
        return new Form(edition.subject(), edition.intro(), edition.fullText(), headings, teasers);
    }

    private Editions.Edition find(long id) {
        return editions.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
