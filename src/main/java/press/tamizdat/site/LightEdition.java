package press.tamizdat.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.ArticleCard;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.ArticleLookup;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.CardPage;
import press.tamizdat.publishing.PublishedArticle;
import press.tamizdat.publishing.Section;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.LanguageEditions;
import press.tamizdat.web.PageLocales;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SurrogateKeys;
import press.tamizdat.web.UiFactory;

/**
 * The light edition under {@code /lite}: every article and listing as text only — no pictures,
 * embeds, script or style sheet — for the slowest or most filtered connection. A typical article
 * is a few kilobytes. Its links stay inside the light edition; each page links to the full one.
 */
@Controller
class LightEdition {

    static final int LATEST = 30;
    static final int PAGE_SIZE = 30;

    private final Articles articles;
    private final ArticleCards listings;
    private final Sections sections;
    private final UiFactory uis;

    private final LanguageEditions editions;

    LightEdition(
            Articles articles, ArticleCards listings, Sections sections, UiFactory uis, LanguageEditions editions) {
        this.editions = editions;
        this.articles = articles;
        this.listings = listings;
        this.sections = sections;
        this.uis = uis;
    }

    /** A list of headlines: the front page or a section. */
    record LightList(String title, String fullPath, List<ArticleCard> cards, List<Section> sections, CardPage paging) {}

    /** One article as text. */
    record LightArticle(PublishedArticle article, String bodyHtml) {}

    @GetMapping(PublicPaths.LIGHT)
    String front(HttpServletRequest request, Model model) {
        return front(editions.siteLanguage(), request, model);
    }

    /** The other edition's light front page ({@code /lite/ru}). */
    @GetMapping(PublicPaths.LIGHT_EDITION_ROUTE)
    String front(@PathVariable String language, HttpServletRequest request, Model model) {
        Language chosen = Language.fromCode(language).orElseThrow();
        if (chosen == editions.siteLanguage()) {
            return LanguageEditions.permanently(request, PublicPaths.LIGHT);
        }
        PageLocales.setContentLanguage(request, chosen.locale());
        return front(chosen, request, model);
    }

    private String front(Language language, HttpServletRequest request, Model model) {
        model.addAttribute("ui", uis.forRequest(request));
        var latest = listings.latest(LATEST, language);
        model.addAttribute(
                "page",
                new LightList(
                        "",
                        editions.home(language),
                        latest,
                        sections.in(language),
                        new CardPage(latest, 1, 1, latest.size())));
        return "site/lite-list";
    }

    @GetMapping(PublicPaths.LIGHT_SECTION_ROUTE)
    String section(
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return section(editions.siteLanguage(), slug, page, request, response, model);
    }

    /** A section of the other edition, light ({@code /lite/ru/section/news}). */
    @GetMapping(PublicPaths.LIGHT_EDITION_SECTION_ROUTE)
    String section(
            @PathVariable String language,
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Language chosen = Language.fromCode(language).orElseThrow();
        if (chosen == editions.siteLanguage()) {
            return LanguageEditions.permanently(request, PublicPaths.light(PublicPaths.section(slug)));
        }
        PageLocales.setContentLanguage(request, chosen.locale());
        return section(chosen, slug, page, request, response, model);
    }

    private String section(
            Language language,
            String slug,
            int page,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var section = sections.findBySlug(slug)
                .flatMap(found -> sections.find(found.id(), language))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var cards =
                listings.page(new press.tamizdat.publishing.Listing.InSectionIn(section, language), page, PAGE_SIZE);
        if (page < 1 || page > Math.max(1, cards.totalPages())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setHeader(CachedPages.SURROGATE_KEY, "section-" + slug);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new LightList(
                        section.name(),
                        editions.path(language, PublicPaths.section(section.slug())),
                        cards.cards(),
                        List.of(),
                        cards));
        return "site/lite-list";
    }

    @GetMapping(PublicPaths.LIGHT_ARTICLE_ROUTE)
    Object article(
            @PathVariable String language,
            @PathVariable String slug,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Language lang = Language.fromCode(language).orElseThrow();
        return switch (articles.find(lang, slug)) {
            case ArticleLookup.Found found -> {
                var article = found.article();
                PageLocales.setContentLanguage(request, lang.locale());
                response.setHeader(
                        CachedPages.SURROGATE_KEY,
                        SurrogateKeys.article(article.id()) + " section-"
                                + article.section().slug());
                model.addAttribute("ui", uis.forRequest(request));
                model.addAttribute("page", new LightArticle(article, textOnly(article.bodyHtml())));
                yield "site/lite-article";
            }
            case ArticleLookup.Moved moved -> {
                var redirect = new RedirectView(PublicPaths.light(moved.path()));
                redirect.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
                yield redirect;
            }
            case ArticleLookup.Gone gone -> throw new ResponseStatusException(HttpStatus.GONE);
            case ArticleLookup.Missing missing -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
    }

    /**
     * The article's (already sanitized) body without what costs bytes or requests: pictures,
     * embeds, media; links to our own articles lead to their light pages.
     */
    static String textOnly(String bodyHtml) {
        Document body = Jsoup.parseBodyFragment(bodyHtml);
        // a picture or clip placed in the story stays, as a link the reader may choose to follow
        for (var figure : body.select("figure.story-photo")) {
            var img = figure.selectFirst("img");
            if (img == null) {
                continue;
            }
            String caption = figure.select("figcaption").text();
            var line = new org.jsoup.nodes.Element("p").addClass("light-media");
            line.appendChild(
                    new org.jsoup.nodes.Element("a").attr("href", largest(img)).text(figure.attr("data-light")));
            if (!caption.isBlank()) {
                line.appendText(" — " + caption);
            }
            figure.replaceWith(line);
        }
        for (var figure : body.select("figure.story-embed")) {
            var original = figure.selectFirst("a.embed-load");
            if (original == null) {
                continue;
            }
            var line = new org.jsoup.nodes.Element("p").addClass("light-media");
            line.appendChild(new org.jsoup.nodes.Element("a")
                    .attr("href", original.attr("href"))
                    .attr("rel", "noopener noreferrer")
                    .text(original.text()));
            String credit = figure.select("figcaption").text();
            if (!credit.isBlank()) {
                line.appendText(" — " + credit);
            }
            figure.replaceWith(line);
        }
        body.select("img, picture, figure, iframe, video, audio, source, svg").remove();
        body.select("a[href~=^/(en|ru)/[a-z0-9-]+$]")
                .forEach(link -> link.attr("href", PublicPaths.light(link.attr("href"))));
        body.outputSettings().prettyPrint(false);
        return body.body().html();
    }

    /** The largest width of a picture, from its {@code srcset}: the reader who asks for it wants to see it. */
    private static String largest(org.jsoup.nodes.Element img) {
        String largest = img.attr("src");
        int widest = 0;
        for (String candidate : img.attr("srcset").split(",")) {
            String[] parts = candidate.strip().split("\\s+");
            if (parts.length == 2 && parts[1].endsWith("w")) {
                int width = Integer.parseInt(parts[1].substring(0, parts[1].length() - 1));
                if (width > widest) {
                    widest = width;
                    largest = parts[0];
                }
            }
        }
        return largest;
    }
}
