package press.tamizdat.publishing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import press.tamizdat.platform.Language;

/**
 * The tags written on articles, and their names in each language: for editors, since a name
 * shows on every article carrying the tag and can join two tags into one.
 */
@Controller
class TagsDesk {

    /** The most tags one page lists; words narrow the list. */
    static final int MOST_SHOWN = 200;

    private final Tags tags;
    private final CurrentStaff staff;
    private final AuditLog audit;

    TagsDesk(Tags tags, CurrentStaff staff, AuditLog audit) {
        this.tags = tags;
        this.staff = staff;
        this.audit = audit;
    }

    /**
     * The list; {@code editing} is the tag whose names came back refused, shown as typed
     * ({@code typed}) with the reason ({@code refusal}).
     */
    record TagsPage(
            List<Tags.InUse> rows,
            String query,
            int total,
            @Nullable String editing,
            Map<Language, String> typed,
            Tags.@Nullable Refusal refusal,
            @Nullable String notice) {

        /** The name a row's field shows: as typed when it came back refused, else as stored. */
        public String shown(Tags.InUse row, Language language) {
            var names = row.slug().equals(editing) ? typed : row.names();
            return names.getOrDefault(language, "");
        }

        /** The refusal of one row's field, if that is where it is. */
        public Tags.@Nullable Refusal refusal(Tags.InUse row, Language language) {
            return refusal != null
                            && row.slug().equals(editing)
                            && refusal.field().equals(language.code())
                    ? refusal
                    : null;
        }

        public Language[] languages() {
            return Language.values();
        }
    }

    @GetMapping("/newsroom/tags")
    String list(@RequestParam(defaultValue = "") String q, Model model) {
        staff.requireAtLeast(Role.EDITOR);
        return show(model, q.strip(), null, Map.of(), null, (String) model.getAttribute("notice"));
    }

    @PostMapping("/newsroom/tags/{slug}")
    String name(
            @PathVariable String slug,
            @RequestParam(defaultValue = "") String en,
            @RequestParam(defaultValue = "") String ru,
            Model model,
            jakarta.servlet.http.HttpServletResponse response,
            RedirectAttributes redirect) {
        var editor = staff.requireAtLeast(Role.EDITOR);
        if (!tags.known(slug)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var names = new EnumMap<Language, String>(Language.class);
        names.put(Language.EN, oneLine(en));
        names.put(Language.RU, oneLine(ru));
        Optional<Tags.Refusal> refusal;
        try {
            refusal = tags.name(slug, names);
        } catch (Tags.NameTaken taken) {
            refusal = names.entrySet().stream()
                    .filter(name -> !name.getValue().isEmpty()
                            && press.tamizdat.platform.Slugs.from(name.getValue())
                                    .equals(taken.nameSlug()))
                    .findFirst()
                    .map(name -> new Tags.Refusal(name.getKey().code(), "tags.error.taken-now", name.getValue()))
                    .or(() -> Optional.of(
                            new Tags.Refusal(Language.EN.code(), "tags.error.taken-now", taken.nameSlug())));
        }
        if (refusal.isPresent()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return show(model, slug, slug, names, refusal.get(), null);
        }
        audit.record(editor, "tag-names", slug + ": " + names.get(Language.EN) + " / " + names.get(Language.RU));
        redirect.addFlashAttribute("notice", "tags.notice.saved");
        return "redirect:/newsroom/tags";
    }

    /** A name is one line of words: line breaks and runs of spaces become one space. */
    private static String oneLine(String typed) {
        return typed.strip().replaceAll("\\s+", " ");
    }

    private String show(
            Model model,
            String query,
            @Nullable String editing,
            Map<Language, String> typed,
            Tags.@Nullable Refusal refusal,
            @Nullable String notice) {
        var found = tags.inUse(query);
        model.addAttribute(
                "page",
                new TagsPage(
                        found.stream().limit(MOST_SHOWN).toList(),
                        query,
                        found.size(),
                        editing,
                        typed,
                        refusal,
                        notice));
        return "publishing/tags";
    }
}
