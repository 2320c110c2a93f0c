package press.tamizdat.newsroom;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The newsroom's sign-in page; Spring Security handles the POST. */
@Controller
class LoginPage {

    @GetMapping("/newsroom/login")
    String show(
            @RequestParam(required = false) String error, @RequestParam(required = false) String logout, Model model) {
        model.addAttribute("page", new Login(error != null, logout != null));
        return "newsroom/login";
    }

    record Login(boolean failed, boolean loggedOut) {}
}
