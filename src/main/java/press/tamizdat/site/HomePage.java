package press.tamizdat.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import press.tamizdat.platform.Language;
import press.tamizdat.privacy.PageViews;
import press.tamizdat.publishing.ArticleCard;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.Section;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.LanguageEditions;
import press.tamizdat.web.PageLocales;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;
import press.tamizdat.web.Ui;

/**
 * The front page of each language edition: the lead story, the latest articles, the most read,
 * then the latest of each section, all in the edition's language.
 */
@Controller
class HomePage {

    static final int LATEST = 6;
    static final int PER_SECTION = 4;
    static final int MOST_READ = 5;

    private final ArticleCards articles;
    private final Sections sections;
    private final PageViews views;
    private final LanguageEditions editions;
    private final SiteUrls urls;
    private final press.tamizdat.web.UiFactory uis;

    HomePage(
            ArticleCards articles,
            Sections sections,
            PageViews views,
            LanguageEditions editions,
            SiteUrls urls,
            press.tamizdat.web.UiFactory uis) {
        this.uis = uis;
        this.articles = articles;
        this.sections = sections;
        this.views = views;
        this.editions = editions;
        this.urls = urls;
    }

    record Home(
            @Nullable ArticleCard lead,
            List<ArticleCard> latest,
            List<ArticleCard> mostRead,
            List<SectionBlock> sections,
            List<Ui.Link> alternates) {}

    record SectionBlock(Section section, String path, List<ArticleCard> cards) {}

    /** The front page of the edition in the site's language. */
    @GetMapping(PublicPaths.HOME)
    String home(Model model, HttpServletRequest request, HttpServletResponse response) {
        return edition(editions.siteLanguage(), model, request, response);
    }

    /** The other edition's front page ({@code /ru}); the site language's own is at {@code /}. */
    @GetMapping(PublicPaths.EDITION_ROUTE)
    String home(@PathVariable String language, Model model, HttpServletRequest request, HttpServletResponse response) {
        Language chosen = Language.fromCode(language).orElseThrow();
        if (chosen == editions.siteLanguage()) {
            return LanguageEditions.permanently(request, PublicPaths.HOME);
        }
        PageLocales.setContentLanguage(request, chosen.locale());
        model.addAttribute("ui", uis.forRequest(request));
        return edition(chosen, model, request, response);
    }

    private String edition(Language language, Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(CachedPages.SURROGATE_KEY, "home");
        List<ArticleCard> latest = articles.latest(LATEST + 1, language);
        var blocks = sections.in(language).stream()
                .map(section -> new SectionBlock(
                        section,
                        editions.path(language, PublicPaths.section(section.slug())),
                        articles.latestIn(section, PER_SECTION, language)))
                .filter(block -> !block.cards().isEmpty())
                .toList();
        model.addAttribute(
                "page",
                new Home(
                        latest.isEmpty() ? null : latest.getFirst(),
                        latest.isEmpty() ? List.of() : latest.subList(1, latest.size()),
                        mostRead(language),
                        blocks,
                        alternates(PublicPaths.HOME)));
        return "site/home";
    }

    /** The same page in each edition, for {@code hreflang}; the site language's is also the default. */
    List<Ui.Link> alternates(String rootPath) {
        var links = new java.util.ArrayList<Ui.Link>();
        for (Language language : Language.values()) {
            String path =
                    rootPath.equals(PublicPaths.HOME) ? editions.home(language) : editions.path(language, rootPath);
            links.add(new Ui.Link(language.code(), urls.absolute(path)));
        }
        String root = rootPath.equals(PublicPaths.HOME) ? PublicPaths.HOME : rootPath;
        links.add(new Ui.Link("x-default", urls.absolute(root)));
        return links;
    }

    /**
     * From the readings counted without cookies, in the edition's language; unpublished articles
     * and the other language's drop out, so more are asked for.
     */
    private List<ArticleCard> mostRead(Language language) {
        var cards = articles.publishedCards(views.mostRead(MOST_READ * 4)).stream()
                .filter(card -> card.language() == language)
                .toList();
        return cards.size() > MOST_READ ? cards.subList(0, MOST_READ) : cards;
    }
}
