package press.tamizdat.site;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import press.tamizdat.publishing.ArticleCard;
import press.tamizdat.publishing.Articles;

/** The front page: the lead story and the latest articles, most recent first. */
@Controller
class HomePage {

    static final int LATEST = 30;

    private final Articles articles;

    HomePage(Articles articles) {
        this.articles = articles;
    }

    record Home(List<ArticleCard> latest) {}

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("page", new Home(articles.latest(LATEST)));
        return "site/home";
    }
}
