package press.tamizdat.site;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.search.Search;
import press.tamizdat.search.SearchResults;
import press.tamizdat.web.PublicPaths;

/** {@code /search?q=}: full text over published articles in both languages, ten to a page. */
@Controller
class SearchPage {

    private final Search search;

    SearchPage(Search search) {
        this.search = search;
    }

    static final String PATH = PublicPaths.SEARCH;

    record Results(String query, SearchResults results) {}

    @GetMapping(PATH)
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page, Model model) {
        String query = q.strip();
        model.addAttribute("page", new Results(query, search.search(query, Math.max(1, page))));
        return "site/search";
    }
}
