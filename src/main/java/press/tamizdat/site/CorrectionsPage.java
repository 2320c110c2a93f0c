package press.tamizdat.site;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.publishing.CorrectionNotes;
import press.tamizdat.web.PublicPaths;

/** Every correction note of the published articles, newest first, thirty to a page, with its feed. */
@Controller
class CorrectionsPage {

    static final int PAGE_SIZE = 30;

    private final CorrectionNotes corrections;

    CorrectionsPage(CorrectionNotes corrections) {
        this.corrections = corrections;
    }

    @GetMapping(PublicPaths.CORRECTIONS)
    String corrections(@RequestParam(defaultValue = "1") int page, Model model, HttpServletResponse response) {
        var notes = corrections.page(page, PAGE_SIZE);
        if (page < 1 || page > notes.totalPages()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setHeader(CachedPages.SURROGATE_KEY, "corrections");
        model.addAttribute("page", notes);
        return "site/corrections";
    }
}
