package press.tamizdat.newsletter;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
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
import press.tamizdat.platform.Language;
import press.tamizdat.web.UiFactory;

/**
 * Where editors write a newsletter's welcome mail, one per language, and send it to themselves to
 * read it as a new subscriber will. A form with a problem comes back as typed.
 */
@Controller
class WelcomeDesk {

    private final WelcomeMails welcomes;
    private final Newsletters newsletters;
    private final Mailer mailer;
    private final CurrentStaff staff;
    private final UiFactory uis;
    private final AuditLog audit;

    WelcomeDesk(
            WelcomeMails welcomes,
            Newsletters newsletters,
            Mailer mailer,
            CurrentStaff staff,
            UiFactory uis,
            AuditLog audit) {
        this.welcomes = welcomes;
        this.newsletters = newsletters;
        this.mailer = mailer;
        this.staff = staff;
        this.uis = uis;
        this.audit = audit;
    }

    /** The page: each language's welcome (as saved, or as just typed with its problems). */
    record WelcomeView(
            Newsletter newsletter,
            List<WelcomeMails.Welcome> welcomes,
            Map<String, String> problems,
            @Nullable String notice,
            @Nullable String problem) {

        public @Nullable String problem(Language language, String field) {
            return problems.get(language.code() + "." + field);
        }
    }

    @GetMapping("/newsroom/newsletters/{id}/welcome")
    String show(@PathVariable long id, HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.EDITOR);
        var newsletter = find(id);
        return page(model, request, newsletter, welcomes.of(id), Map.of());
    }

    @PostMapping("/newsroom/newsletters/{id}/welcome/{language}")
    String save(
            @PathVariable long id,
            @PathVariable String language,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        staff.requireAtLeast(Role.EDITOR);
        var newsletter = find(id);
        Language chosen = language(language);
        // a crafted request may put a line break in the subject, which a mail header cannot carry
        var typed = new WelcomeMails.Welcome(
                chosen, subject.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip(), body.strip());
        var problems = problems(typed);
        if (!problems.isEmpty()) {
            var shown = welcomes.of(id).stream()
                    .map(each -> each.language() == chosen ? typed : each)
                    .toList();
            return page(model, request, newsletter, shown, problems);
        }
        welcomes.save(id, typed);
        audit.record("newsletter-welcome-saved", id + ": " + chosen.code() + (typed.isBlank() ? " (none)" : ""));
        redirect.addFlashAttribute("notice", typed.isBlank() ? "welcome.notice.removed" : "welcome.notice.saved");
        return "redirect:/newsroom/newsletters/" + id + "/welcome";
    }

    @PostMapping("/newsroom/newsletters/{id}/welcome/{language}/test")
    String test(@PathVariable long id, @PathVariable String language, RedirectAttributes redirect) {
        var editor = staff.requireAtLeast(Role.EDITOR);
        var newsletter = find(id);
        var welcome = welcomes.find(id, language(language));
        if (welcome.isEmpty()) {
            redirect.addFlashAttribute("problem", "welcome.problem.none");
        } else {
            try {
                // the links in a test go to a subscriber that does not exist: they open nothing
                mailer.send(welcomes.mail(newsletter, welcome.get(), 0, editor.email()));
                redirect.addFlashAttribute("notice", "welcome.notice.test-sent");
            } catch (MailFailure failure) {
                redirect.addFlashAttribute("problem", "welcome.problem.test-failed");
            }
        }
        return "redirect:/newsroom/newsletters/" + id + "/welcome";
    }

    private static Map<String, String> problems(WelcomeMails.Welcome welcome) {
        var problems = new LinkedHashMap<String, String>();
        String prefix = welcome.language().code() + ".";
        if (welcome.isBlank()) {
            return problems;
        }
        if (welcome.subject().isBlank()) {
            problems.put(prefix + "subject", "welcome.error.subject-missing");
        } else if (welcome.subject().length() > WelcomeMails.MAX_SUBJECT) {
            problems.put(prefix + "subject", "welcome.error.subject-too-long");
        }
        if (welcome.body().isBlank()) {
            problems.put(prefix + "body", "welcome.error.body-missing");
        } else if (welcome.body().length() > WelcomeMails.MAX_BODY) {
            problems.put(prefix + "body", "welcome.error.body-too-long");
        }
        return problems;
    }

    private String page(
            Model model,
            HttpServletRequest request,
            Newsletter newsletter,
            List<WelcomeMails.Welcome> shown,
            Map<String, String> problems) {
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page", new WelcomeView(newsletter, shown, problems, (String) model.getAttribute("notice"), (String)
                        model.getAttribute("problem")));
        return "newsletter/welcome";
    }

    private Newsletter find(long id) {
        return newsletters.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Language language(String code) {
        return Language.fromCode(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
