package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.platform.Language;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * The campaign in the newsroom, for admins: the banner and the appeal in each language, where
 * they show, the form's starting frequency, "Remind me later", and the currencies with their
 * presets, minimum and maximum. Saved whole; every cached page shows it once saved.
 */
@Controller
class CampaignDesk {

    private final Campaigns campaigns;
    private final CurrentStaff staff;
    private final UiFactory uis;

    private final AuditLog audit;

    CampaignDesk(Campaigns campaigns, CurrentStaff staff, UiFactory uis, AuditLog audit) {
        this.audit = audit;
        this.campaigns = campaigns;
        this.staff = staff;
        this.uis = uis;
    }

    record CampaignView(
            CampaignEdit.Form form,
            List<Language> languages,
            List<Frequency> frequencies,
            List<String> problems,
            @Nullable String notice) {}

    @GetMapping("/newsroom/campaign")
    String edit(HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.ADMIN);
        var form = CampaignEdit.of(campaigns.texts(), campaigns.current(Language.EN));
        return show(form, List.of(), (String) model.asMap().get("notice"), request, model);
    }

    @PostMapping("/newsroom/campaign")
    String save(
            @RequestParam MultiValueMap<String, String> fields,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        staff.requireAtLeast(Role.ADMIN);
        var form = CampaignEdit.read(fields);
        var outcome = CampaignEdit.check(form);
        if (outcome.checked().isEmpty()) {
            Ui ui = uis.forRequest(request);
            var problems = outcome.problems().stream()
                    .map(problem -> ui.text(problem.key(), problem.args().toArray()))
                    .toList();
            response.setStatus(422);
            return show(form, problems, null, request, model);
        }
        campaigns.save(outcome.checked().get());
        audit.record("campaign-saved", null);
        redirect.addFlashAttribute("notice", "campaign.saved");
        return "redirect:/newsroom/campaign";
    }

    private String show(
            CampaignEdit.Form form,
            List<String> problems,
            @Nullable String notice,
            HttpServletRequest request,
            Model model) {
        var rows = new ArrayList<>(form.rows());
        rows.add(CampaignEdit.Row.blank()); // room for one more currency
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new CampaignView(
                        new CampaignEdit.Form(
                                form.showBanner(),
                                form.showAppeal(),
                                form.remindLater(),
                                form.defaultFrequency(),
                                form.texts(),
                                List.copyOf(rows)),
                        List.of(Language.values()),
                        List.of(Frequency.values()),
                        problems,
                        notice));
        return "support/campaign";
    }
}
