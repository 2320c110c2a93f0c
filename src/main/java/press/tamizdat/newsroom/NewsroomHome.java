package press.tamizdat.newsroom;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The newsroom's front door leads to the article list, its daily workplace. */
@Controller
class NewsroomHome {

    @GetMapping("/newsroom")
    String home() {
        return "redirect:/newsroom/articles";
    }
}
