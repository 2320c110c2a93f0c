package press.tamizdat.newsletter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.EmailAddresses;
import press.tamizdat.platform.Ids;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.NetworkAllowance;
import press.tamizdat.platform.NetworkAllowances;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.web.LanguageEditions;
import press.tamizdat.web.PageLocales;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * Signing up at {@code /newsletter} (and from the block under every article), and confirming from
 * the mailed link. Nothing changes on a GET: mail scanners open every link, so the link shows a
 * page whose button confirms.
 */
@Controller
class SignupPage {

    static final int MAX_SOURCE_LENGTH = 300;

    private final Signups signups;
    private final Newsletters newsletters;
    private final NewsletterSettings settings;
    private final UiFactory uis;
    private final LanguageEditions editions;

    /** Signups per network in the current minute; readers behind one Tor exit or proxy share it. */
    private final NetworkAllowance allowance;

    SignupPage(
            Signups signups,
            Newsletters newsletters,
            NewsletterSettings settings,
            UiFactory uis,
            LanguageEditions editions,
            NetworkAllowances allowances) {
        this.editions = editions;
        this.signups = signups;
        this.newsletters = newsletters;
        this.settings = settings;
        this.uis = uis;
        this.allowance = allowances.perMinute("signup", settings.signupsPerMinutePerNetwork());
    }

    /** The signup form, as typed so far, with what is wrong with it. */
    record Form(String email, Set<Long> chosen, String source, List<String> problems) {}

    record SignupView(List<Newsletter> newsletters, Form form) {}

    record ConfirmView(@Nullable String token, List<String> newsletterNames) {}

    @GetMapping(PublicPaths.NEWSLETTER)
    String form(HttpServletRequest request, Model model) {
        var all = newsletters.in(editions.siteLanguage());
        Set<Long> chosen = all.isEmpty() ? Set.of() : Set.of(all.getFirst().id());
        return show(request, model, new Form("", chosen, PublicPaths.NEWSLETTER, List.of()));
    }

    /** The other edition's signup ({@code /ru/newsletter}): its newsletters, in its language. */
    @GetMapping(PublicPaths.EDITION_NEWSLETTER)
    String form(@PathVariable String language, HttpServletRequest request, Model model) {
        Language chosen = Language.fromCode(language).orElseThrow();
        if (chosen == editions.siteLanguage()) {
            return LanguageEditions.permanently(request, PublicPaths.NEWSLETTER);
        }
        PageLocales.setContentLanguage(request, chosen.locale());
        var all = newsletters.in(chosen);
        return show(
                request,
                model,
                new Form(
                        "",
                        all.isEmpty() ? Set.of() : Set.of(all.getFirst().id()),
                        editions.path(chosen, PublicPaths.NEWSLETTER),
                        List.of()));
    }

    @PostMapping(PublicPaths.EDITION_NEWSLETTER)
    String signUp(
            @PathVariable String language,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(name = "newsletter", required = false) @Nullable List<String> chosen,
            @RequestParam(defaultValue = PublicPaths.NEWSLETTER) String source,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PageLocales.setContentLanguage(
                request, Language.fromCode(language).orElseThrow().locale());
        return signUp(email, chosen, source, request, response, model);
    }

    @GetMapping(PublicPaths.EDITION_NEWSLETTER_CHECK_INBOX)
    String checkInbox(@PathVariable String language, HttpServletRequest request, Model model) {
        PageLocales.setContentLanguage(
                request, Language.fromCode(language).orElseThrow().locale());
        return checkInbox(request, model);
    }

    @PostMapping(PublicPaths.NEWSLETTER)
    String signUp(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(name = "newsletter", required = false) @Nullable List<String> chosen,
            @RequestParam(defaultValue = PublicPaths.NEWSLETTER) String source,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var problems = new ArrayList<String>();
        var picked = new LinkedHashSet<Newsletter>();
        var pickedIds = new LinkedHashSet<Long>();
        for (String id : chosen == null ? List.<String>of() : chosen) {
            Ids.parse(id).flatMap(newsletters::find).ifPresent(n -> {
                picked.add(n);
                pickedIds.add(n.id());
            });
        }
        String typed = email.length() > EmailAddresses.MAX_LENGTH * 2
                ? email.substring(0, EmailAddresses.MAX_LENGTH * 2)
                : email;
        String place = source.startsWith("/") && !source.startsWith("//") && source.length() <= MAX_SOURCE_LENGTH
                ? source
                : PublicPaths.NEWSLETTER;
        var address = EmailAddresses.normalize(email);
        if (address.isEmpty()) {
            problems.add(ui.text("newsletter.problem.email"));
        }
        if (picked.isEmpty()) {
            problems.add(ui.text("newsletter.problem.none-chosen"));
        }
        if (problems.isEmpty() && !allowance.take(request)) {
            problems.add(ui.text("newsletter.problem.busy"));
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        } else if (!problems.isEmpty()) {
            response.setStatus(422);
        }
        if (!problems.isEmpty()) {
            return show(request, model, new Form(typed, pickedIds, place, problems));
        }
        Language language = Language.fromCode(ui.locale().getLanguage()).orElse(Language.EN);
        signups.signUp(new Signups.Signup(address.get(), picked, language, place));
        return "redirect:" + editions.path(language, PublicPaths.NEWSLETTER_CHECK_INBOX);
    }

    @GetMapping(PublicPaths.NEWSLETTER_CHECK_INBOX)
    String checkInbox(HttpServletRequest request, Model model) {
        model.addAttribute("ui", uis.forRequest(request));
        return "newsletter/check-inbox";
    }

    @GetMapping(PublicPaths.NEWSLETTER_CONFIRM)
    String confirmPage(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PersonalLinks.keepPrivate(response);
        var pending = signups.pending(token);
        pending.ifPresent(
                p -> PageLocales.setContentLanguage(request, p.language().locale()));
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                pending.map(p -> new ConfirmView(token, p.newsletterNames()))
                        .orElseGet(() -> new ConfirmView(null, List.of())));
        if (pending.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        return "newsletter/confirm";
    }

    @PostMapping(PublicPaths.NEWSLETTER_CONFIRM)
    String confirm(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PersonalLinks.keepPrivate(response);
        var pending = signups.pending(token);
        pending.ifPresent(
                p -> PageLocales.setContentLanguage(request, p.language().locale()));
        model.addAttribute("ui", uis.forRequest(request));
        if (pending.isEmpty() || !signups.confirm(token)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("page", new ConfirmView(null, List.of()));
            return "newsletter/confirm";
        }
        model.addAttribute("names", pending.get().newsletterNames());
        return "newsletter/confirmed";
    }

    private String show(HttpServletRequest request, Model model, Form form) {
        model.addAttribute("ui", uis.forRequest(request));
        Language language = Language.fromCode(uis.forRequest(request).lang()).orElse(editions.siteLanguage());
        model.addAttribute("page", new SignupView(newsletters.in(language), form));
        return "newsletter/signup";
    }
}
