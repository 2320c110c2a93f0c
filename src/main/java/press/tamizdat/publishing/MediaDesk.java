package press.tamizdat.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffMember;

/**
 * The media library page: every picture the newsroom uploaded, newest first, found by its words;
 * an upload with its alt text, caption and credit (stripped of its metadata like every upload);
 * and for each picture the line that places it in a story. Anyone on the staff may look and
 * upload; the uploader or an editor changes what a picture's description says.
 */
@Controller
class MediaDesk {

    static final int PAGE_SIZE = 24;

    private final MediaLibrary media;
    private final CurrentStaff staff;

    MediaDesk(MediaLibrary media, CurrentStaff staff) {
        this.media = media;
        this.staff = staff;
    }

    /** What an upload or description form said, kept as typed when it comes back with problems. */
    record Typed(String alt, String caption, String credit) {

        static final Typed BLANK = new Typed("", "", "");
    }

    record LibraryPage(
            List<MediaLibrary.Described> pictures,
            String query,
            int page,
            boolean hasNext,
            Typed upload,
            @Nullable Long editing,
            Typed edited,
            Map<String, String> problems,
            @Nullable String notice) {

        public @Nullable String problem(String field) {
            return problems.get(field);
        }

        /** Another page of the same search: the words encoded, so one with {@code &} or {@code #} still pages. */
        public String pagePath(int other) {
            // %20 for a space rather than +, which not every reader of a query takes for one
            return "/newsroom/media?q="
                    + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)
                            .replace("+", "%20")
                    + "&page=" + other;
        }

        /** The description a picture's form shows: as typed, when it came back with problems. */
        public Typed shown(MediaLibrary.Described picture) {
            return editing != null && editing == picture.medium().id()
                    ? edited
                    : new Typed(picture.alt(), picture.caption(), picture.credit());
        }
    }

    @GetMapping("/newsroom/media")
    String library(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page, Model model) {
        staff.require();
        return show(model, q, Math.max(1, page), Typed.BLANK, Map.of(), (String) model.getAttribute("notice"));
    }

    @PostMapping("/newsroom/media")
    String upload(
            @RequestParam(required = false) @Nullable MultipartFile photo,
            @RequestParam(defaultValue = "") String alt,
            @RequestParam(defaultValue = "") String caption,
            @RequestParam(defaultValue = "") String credit,
            Model model,
            RedirectAttributes redirect) {
        StaffMember member = staff.require();
        var typed = new Typed(alt.strip(), caption.strip(), credit.strip());
        var problems = problems(typed);
        if (photo == null || photo.isEmpty()) {
            problems.put("photo", "media.error.choose");
        }
        if (!problems.isEmpty()) {
            return show(model, "", 1, typed, problems, null);
        }
        MediaLibrary.Medium stored;
        try {
            stored = media.store(photo.getBytes(), member.id());
        } catch (MediaRejected rejected) {
            return show(model, "", 1, typed, Map.of("photo", rejected.messageKey()), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        media.describe(stored.id(), typed.alt(), typed.caption(), typed.credit());
        redirect.addFlashAttribute("notice", "media.notice.uploaded");
        return "redirect:/newsroom/media";
    }

    @PostMapping("/newsroom/media/{id}")
    String describe(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String alt,
            @RequestParam(defaultValue = "") String caption,
            @RequestParam(defaultValue = "") String credit,
            Model model,
            RedirectAttributes redirect) {
        StaffMember member = staff.require();
        var picture = media.described(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!member.role().atLeast(Role.EDITOR) && media.uploadedBy(id) != member.id()) {
            throw new PublishingDenied("media.denied.describe");
        }
        var typed = new Typed(alt.strip(), caption.strip(), credit.strip());
        var problems = problems(typed);
        if (!problems.isEmpty()) {
            var edited = new java.util.HashMap<String, String>();
            problems.forEach((field, key) -> edited.put("edit." + field, key));
            model.addAttribute(
                    "page", new LibraryPage(List.of(picture), "", 1, false, Typed.BLANK, id, typed, edited, null));
            return "publishing/media";
        }
        media.describe(id, typed.alt(), typed.caption(), typed.credit());
        redirect.addFlashAttribute("notice", "media.notice.described");
        return "redirect:/newsroom/media";
    }

    private static Map<String, String> problems(Typed typed) {
        var problems = new LinkedHashMap<String, String>();
        if (typed.alt().isBlank()) {
            problems.put("alt", "media.error.alt-missing");
        } else if (typed.alt().length() > MediaLibrary.MAX_ALT) {
            problems.put("alt", "media.error.alt-too-long");
        }
        if (typed.caption().length() > MediaLibrary.MAX_CAPTION) {
            problems.put("caption", "media.error.caption-too-long");
        }
        if (typed.credit().length() > MediaLibrary.MAX_CREDIT) {
            problems.put("credit", "media.error.credit-too-long");
        }
        return problems;
    }

    private String show(
            Model model, String query, int page, Typed upload, Map<String, String> problems, @Nullable String notice) {
        var found = media.search(query, page, PAGE_SIZE);
        boolean more = found.size() > PAGE_SIZE;
        model.addAttribute(
                "page",
                new LibraryPage(
                        more ? found.subList(0, PAGE_SIZE) : found,
                        query,
                        page,
                        more,
                        upload,
                        null,
                        Typed.BLANK,
                        problems,
                        notice));
        return "publishing/media";
    }
}
