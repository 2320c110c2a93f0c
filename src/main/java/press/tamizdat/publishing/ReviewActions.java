package press.tamizdat.publishing;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.CurrentStaff;

/**
 * The review step's buttons on the editor: submit for review, approve, send back with a note. A
 * step refused by the article's state (a colleague acted first, a note left empty) comes back to
 * the editor with the reason; one refused to this person is refused outright.
 */
@Controller
class ReviewActions {

    private final ArticleReviews reviews;
    private final CurrentStaff currentStaff;

    ReviewActions(ArticleReviews reviews, CurrentStaff currentStaff) {
        this.reviews = reviews;
        this.currentStaff = currentStaff;
    }

    @PostMapping("/newsroom/articles/{id}/submit")
    String submit(@PathVariable long id, RedirectAttributes redirect) {
        return step(id, redirect, "article.notice.submitted", () -> reviews.submit(id, currentStaff.require()));
    }

    @PostMapping("/newsroom/articles/{id}/approve")
    String approve(@PathVariable long id, RedirectAttributes redirect) {
        var approved = new boolean[1];
        String page = step(id, redirect, "article.notice.approved", () -> {
            approved[0] = reviews.approve(id, currentStaff.require());
        });
        if (!approved[0] && !redirect.getFlashAttributes().containsKey("problem")) {
            redirect.addFlashAttribute("notice", "article.notice.approved-first");
        }
        return page;
    }

    @PostMapping("/newsroom/articles/{id}/send-back")
    String sendBack(@PathVariable long id, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        return step(id, redirect, "article.notice.sent-back", () -> reviews.sendBack(id, note, currentStaff.require()));
    }

    private static String step(long id, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (PublishingDenied denied) {
            throw denied;
        } catch (PublishingException e) {
            redirect.addFlashAttribute("problem", e.messageKey());
        } catch (OptimisticLockingFailureException e) {
            redirect.addFlashAttribute("problem", "article.error.changed-meanwhile");
        }
        return "redirect:/newsroom/articles/" + id;
    }
}
