package press.tamizdat.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the {@link Ui} page context into every view's model. */
@ControllerAdvice
class UiAdvice {

    private final UiFactory uis;

    UiAdvice(UiFactory uis) {
        this.uis = uis;
    }

    @ModelAttribute("ui")
    Ui ui(HttpServletRequest request) {
        return uis.forRequest(request);
    }
}
