package press.tamizdat.newsroom;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The newsroom's sign-in page; Spring Security handles the POST. */
@Controller
class LoginPage {

    @GetMapping("/newsroom/login")
    String show(
            @RequestParam(required = false) @Nullable String error,
            @RequestParam(required = false) @Nullable String logout,
            @RequestParam(required = false) @Nullable String expired,
            @RequestParam(required = false) @Nullable Long wait,
            Model model) {
        model.addAttribute(
                "page",
                new Login(
                        error != null,
                        logout != null,
                        expired != null,
                        wait == null ? 0 : Math.max(1, Math.min(wait, 24 * 3600))));
        return "newsroom/login";
    }

    /** {@code waitSeconds}: the throttle's answer, the same for every address. */
    record Login(boolean failed, boolean loggedOut, boolean expired, long waitSeconds) {}
}
