package press.tamizdat.site;

import gg.jte.Content;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;
import press.tamizdat.newsletter.Newsletter;
import press.tamizdat.newsletter.Newsletters;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.ArticleCard;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.ArticleLookup;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.PublishedArticle;
import press.tamizdat.support.AppealForms;
import press.tamizdat.support.Campaigns;
import press.tamizdat.web.PageLocales;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SurrogateKeys;
import press.tamizdat.web.UiFactory;

/** An article page at {@code /<language>/<slug>}; an old slug answers 301, an unpublished one 410. */
@Controller
class ArticlePage {

    private final Articles articles;
    private final ArticleCards cards;
    private final UiFactory uis;
    private final ArticleMeta.Factory meta;
    private final Newsletters newsletters;
    private final AppealForms appealForms;
    private final Campaigns campaigns;
    private final press.tamizdat.web.LanguageEditions editions;

    ArticlePage(
            press.tamizdat.web.LanguageEditions editions,
            Articles articles,
            ArticleCards cards,
            UiFactory uis,
            ArticleMeta.Factory meta,
            Newsletters newsletters,
            Campaigns campaigns,
            AppealForms appealForms) {
        this.editions = editions;
        this.campaigns = campaigns;
        this.appealForms = appealForms;
        this.articles = articles;
        this.cards = cards;
        this.uis = uis;
        this.meta = meta;
        this.newsletters = newsletters;
    }

    static final int READ_MORE = 6;

    /** The article, and what to read next. */
    record Reading(
            PublishedArticle article,
            List<ArticleCard> readMore,
            String morePath,
            ArticleMeta meta,
            @Nullable Newsletter newsletter,
            Campaigns.@Nullable Appeal appeal,
            @Nullable Content appealForm) {}

    @GetMapping(PublicPaths.ARTICLE_ROUTE)
    Object show(
            @PathVariable String language,
            @PathVariable String slug,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Language lang = Language.fromCode(language).orElseThrow();
        return switch (articles.find(lang, slug)) {
            case ArticleLookup.Found found -> {
                // the page speaks the article's language, whatever the reader's browser prefers
                PageLocales.setContentLanguage(request, lang.locale());
                response.setHeader(
                        CachedPages.SURROGATE_KEY,
                        SurrogateKeys.article(found.article().id()) + " section-"
                                + found.article().section().slug());
                var ui = uis.forRequest(request);
                model.addAttribute("ui", ui);
                var article = found.article();
                var appeal = campaigns.appeal(lang).orElse(null);
                model.addAttribute(
                        "page",
                        new Reading(
                                article,
                                cards.related(article.id(), READ_MORE),
                                editions.path(
                                        article.language(),
                                        PublicPaths.section(article.section().slug())),
                                meta.of(article),
                                newsletters.in(article.language()).stream()
                                        .findFirst()
                                        .orElse(null),
                                appeal,
                                appeal == null ? null : appealForms.form(appeal, ui)));
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
