package press.tamizdat.site;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;
import press.tamizdat.publishing.ArticleLookup;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.Language;
import press.tamizdat.publishing.PublishedArticle;
import press.tamizdat.web.UiFactory;

/** An article page at {@code /<language>/<slug>}; an old slug answers 301, an unpublished one 410. */
@Controller
class ArticlePage {

    private final Articles articles;
    private final UiFactory uis;

    ArticlePage(Articles articles, UiFactory uis) {
        this.articles = articles;
        this.uis = uis;
    }

    record Reading(PublishedArticle article) {}

    @GetMapping("/{language:en|ru}/{slug:[a-z0-9-]+}")
    Object show(@PathVariable String language, @PathVariable String slug, HttpServletRequest request, Model model) {
        Language lang = Language.fromCode(language).orElseThrow();
        return switch (articles.find(lang, slug)) {
            case ArticleLookup.Found found -> {
                // the page speaks the article's language, whatever the reader's browser prefers
                model.addAttribute("ui", uis.forRequest(request).in(lang.locale()));
                model.addAttribute("page", new Reading(found.article()));
                yield "site/article";
            }
            case ArticleLookup.Moved moved -> {
                var redirect = new RedirectView(moved.path());
                redirect.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
                yield redirect;
            }
            case ArticleLookup.Gone gone -> throw new ResponseStatusException(HttpStatus.GONE);
            case ArticleLookup.Missing missing -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
    }
}
