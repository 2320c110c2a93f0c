package press.tamizdat.imports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.Section;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.UiFactory;

/**
 * Imports in the newsroom, for admins: upload a WordPress or Ghost export, say where the old
 * uploads are (a folder on this server) or the old site's address, and follow the run — its
 * counts as it goes, then the report of what was left out or changed. The export is kept in the
 * data directory while the run reads it, and deleted after.
 */
@Controller
class ImportDesk {

    private final Importer importer;
    private final ImportRuns runs;
    private final Sections sections;
    private final CurrentStaff staff;
    private final AuditLog audit;
    private final UiFactory uis;
    private final Path folder;

    ImportDesk(
            Importer importer,
            ImportRuns runs,
            Sections sections,
            CurrentStaff staff,
            AuditLog audit,
            UiFactory uis,
            TamizdatSettings settings) {
        this.importer = importer;
        this.runs = runs;
        this.sections = sections;
        this.staff = staff;
        this.audit = audit;
        this.uis = uis;
        this.folder = settings.dataDir().resolve("imports");
    }

    /** What the admin chose, kept when the form comes back with problems. */
    record Typed(String source, String uploads, String oldSite, String language, String section) {}

    record ImportView(
            Typed typed,
            List<Section> sections,
            Map<String, String> problems,
            List<ImportRuns.Run> runs,
            ImportRuns.@Nullable Run shown,
            List<ImportRuns.Note> notes) {

        boolean running() {
            return runs.stream().anyMatch(run -> run.state() == ImportRuns.State.RUNNING);
        }
    }

    @GetMapping("/newsroom/import")
    String show(@RequestParam(required = false) @Nullable Long run, HttpServletRequest request, Model model) {
        staff.requireAtLeast(Role.ADMIN);
        return show(new Typed("wordpress", "", "", "", "news"), Map.of(), run, request, model);
    }

    @PostMapping("/newsroom/import")
    String start(
            @RequestParam(defaultValue = "wordpress") String source,
            @RequestParam(required = false) @Nullable MultipartFile export,
            @RequestParam(defaultValue = "") String uploads,
            @RequestParam(defaultValue = "") String oldSite,
            @RequestParam(defaultValue = "") String language,
            @RequestParam(defaultValue = "news") String section,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        var member = staff.requireAtLeast(Role.ADMIN);
        var typed = new Typed(limit(source), limit(uploads), limit(oldSite), limit(language), limit(section));
        var problems = new LinkedHashMap<String, String>();
        Importer.Source kind = switch (typed.source()) {
            case "wordpress" -> Importer.Source.WORDPRESS;
            case "ghost" -> Importer.Source.GHOST;
            default -> {
                problems.put("source", "import.error.source");
                yield Importer.Source.WORDPRESS;
            }
        };
        if (export == null || export.isEmpty()) {
            problems.put("export", "import.error.file");
        }
        Path uploadsFolder = null;
        if (!typed.uploads().isBlank()) {
            uploadsFolder = Path.of(typed.uploads().strip());
            if (!Files.isDirectory(uploadsFolder)) {
                problems.put("uploads", "import.error.uploads");
            }
        }
        if (!typed.oldSite().isBlank() && !typed.oldSite().strip().matches("https?://[^\\s/]+(/\\S*)?")) {
            problems.put("oldSite", "import.error.old-site");
        }
        Language chosen = typed.language().isBlank()
                ? null
                : Language.fromCode(typed.language()).orElse(null);
        if (sections.findBySlug(typed.section()).isEmpty()) {
            problems.put("section", "import.error.section");
        }
        if (!problems.isEmpty()) {
            response.setStatus(422);
            return show(typed, problems, null, request, model);
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(UUID.randomUUID() + (kind == Importer.Source.GHOST ? ".json" : ".xml"));
        try (InputStream in = java.util.Objects.requireNonNull(export).getInputStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        String name =
                export.getOriginalFilename() == null ? file.getFileName().toString() : export.getOriginalFilename();
        long run = importer.start(
                new Importer.Options(
                        kind,
                        file,
                        name,
                        uploadsFolder,
                        typed.oldSite().isBlank() ? null : typed.oldSite().strip(),
                        chosen,
                        typed.section()),
                member,
                () -> {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // the data directory's imports folder holds nothing else
                    }
                });
        audit.record("import-started", kind.key() + " · " + name + " · run " + run);
        return "redirect:/newsroom/import?run=" + run;
    }

    private String show(
            Typed typed, Map<String, String> problems, @Nullable Long run, HttpServletRequest request, Model model) {
        var latest = runs.latest(10);
        ImportRuns.@Nullable Run shown = run == null
                ? (latest.isEmpty() ? null : latest.getFirst())
                : latest.stream().filter(r -> r.id() == run).findFirst().orElse(null);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new ImportView(
                        typed,
                        sections.all(),
                        problems,
                        latest,
                        shown,
                        shown == null ? List.of() : runs.notes(shown.id())));
        return "imports/import";
    }

    private static String limit(String value) {
        return value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
