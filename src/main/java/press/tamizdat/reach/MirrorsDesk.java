package press.tamizdat.reach;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.AuditLog;

/**
 * The newsroom's page for reach (admins): the mirror addresses and the onion address every page,
 * feed and newsletter shows, and the static copy — where it is, when it was last written, the
 * pages it had to leave out, and a button to write it now.
 */
@Controller
class MirrorsDesk {

    private final Mirrors mirrors;
    private final StaticMirror copy;
    private final BucketMirror bucket;
    private final TaskExecutor background;
    private final AuditLog audit;
    private final MirrorSkips skips;
    private final MirrorHealth health;
    private final Clock clock;

    MirrorsDesk(
            Mirrors mirrors,
            StaticMirror copy,
            BucketMirror bucket,
            @Qualifier("applicationTaskExecutor") TaskExecutor background,
            AuditLog audit,
            MirrorSkips skips,
            MirrorHealth health,
            Clock clock) {
        this.skips = skips;
        this.health = health;
        this.clock = clock;
        this.mirrors = mirrors;
        this.copy = copy;
        this.bucket = bucket;
        this.background = background;
        this.audit = audit;
    }

    record MirrorsView(
            String mirrorLines,
            String onion,
            Map<String, String> problems,
            @Nullable String notice,
            String folder,
            @Nullable Instant writtenAt,
            String bucket,
            @Nullable Instant bucketSyncedAt,
            List<MirrorSkips.Skip> skipped,
            List<Health> health) {}

    /** A listed mirror as its last check found it; {@code check} is null before the first. */
    record Health(String address, MirrorHealth.@Nullable Check check, boolean flagged) {}

    @GetMapping("/newsroom/mirrors")
    String show(Model model) {
        return show(
                model,
                String.join("\n", mirrors.mirrors()),
                mirrors.onion().orElse("").replaceFirst("^http://", ""),
                Map.of(),
                (String) model.getAttribute("notice"));
    }

    @PostMapping("/newsroom/mirrors")
    String save(
            @RequestParam(defaultValue = "") String mirrorLines,
            @RequestParam(defaultValue = "") String onion,
            Model model,
            RedirectAttributes redirect) {
        var checked = Mirrors.check(mirrorLines, onion);
        if (!checked.problems().isEmpty()) {
            return show(model, mirrorLines, onion, checked.problems(), null);
        }
        mirrors.save(checked.mirrors(), checked.onion());
        // new addresses are checked at once, not at the next round
        background.execute(health::checkAll);
        audit.record(
                "mirrors-changed",
                checked.mirrors().size() + " mirrors"
                        + (checked.onion() == null ? ", no onion" : ", " + checked.onion()));
        redirect.addFlashAttribute("notice", "mirrors.notice.saved");
        return "redirect:/newsroom/mirrors";
    }

    @PostMapping("/newsroom/mirrors/check")
    String check(RedirectAttributes redirect) {
        // each mirror waits at most the check's timeout, a few at once: the page answers within seconds
        var checks = health.checkAll();
        audit.record("mirrors-checked", checks.size() + " mirrors");
        redirect.addFlashAttribute("notice", "mirrors.notice.checked");
        return "redirect:/newsroom/mirrors#health";
    }

    @PostMapping("/newsroom/mirrors/export")
    String export(RedirectAttributes redirect) {
        // written whole, in the background: a big site takes a while, and the page answers at once
        background.execute(copy::exportAll);
        audit.record("mirror-export-started", null);
        redirect.addFlashAttribute("notice", "mirrors.notice.exporting");
        return "redirect:/newsroom/mirrors";
    }

    private List<Health> health() {
        var checks = health.all();
        var now = clock.instant();
        return mirrors.mirrors().stream()
                .map(address -> {
                    var check = checks.get(address);
                    return new Health(address, check, check != null && check.flagged(health.flagAfter(), now));
                })
                .toList();
    }

    private String show(
            Model model, String mirrorLines, String onion, Map<String, String> problems, @Nullable String notice) {
        Instant writtenAt = null;
        try {
            var manifest = copy.folder().resolve(MirrorManifest.NAME);
            writtenAt =
                    Files.exists(manifest) ? Files.getLastModifiedTime(manifest).toInstant() : null;
        } catch (java.io.IOException unreadable) {
            // shown as "not written yet"
        }
        model.addAttribute(
                "page",
                new MirrorsView(
                        mirrorLines,
                        onion,
                        problems,
                        notice,
                        copy.folder().toAbsolutePath().toString(),
                        writtenAt,
                        bucket.configured() ? bucket.name() : "",
                        bucket.syncedAt(),
                        skips.all(),
                        health()));
        return "reach/mirrors-desk";
    }
}
