package press.tamizdat.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.CardPage;
import press.tamizdat.publishing.Sections;
import press.tamizdat.publishing.Tags;
import press.tamizdat.web.LanguageEditions;
import press.tamizdat.web.PageLocales;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;
import press.tamizdat.web.Ui;

/**
 * Section, tag and author pages: published articles, newest first, twenty to a page. A section's
 * or a tag's page belongs to a language edition, lists that language's articles and carries the
 * name it has in that language.
 */
@Controller
class ListingPages {

    static final int PAGE_SIZE = 20;

    private final ArticleCards articles;
    private final Sections sections;
    private final Tags tags;
    private final LanguageEditions editions;
    private final SiteUrls urls;
    private final press.tamizdat.web.UiFactory uis;

    ListingPages(
            ArticleCards articles,
            Sections sections,
            Tags tags,
            LanguageEditions editions,
            SiteUrls urls,
            press.tamizdat.web.UiFactory uis) {
        this.uis = uis;
        this.articles = articles;
        this.sections = sections;
        this.tags = tags;
        this.editions = editions;
        this.urls = urls;
    }

    /**
     * What the listing template shows; {@code titleKey} is a message with the name as its argument,
     * {@code elsewhere} the same list in the other edition when only that one has articles.
     */
    record Listing(
            String titleKey,
            String name,
            String path,
            CardPage cards,
            List<Ui.Link> alternates,
            Ui.@Nullable Link elsewhere) {

        Listing(String titleKey, String name, String path, CardPage cards) {
            this(titleKey, name, path, cards, List.of(), null);
        }

        Listing(String titleKey, String name, String path, CardPage cards, List<Ui.Link> alternates) {
            this(titleKey, name, path, cards, alternates, null);
        }
    }

    /** A section's page in the edition of the site's language. */
    @GetMapping(PublicPaths.SECTION_ROUTE)
    String section(
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HttpServletResponse response) {
        return section(editions.siteLanguage(), slug, page, model, response);
    }

    /** A section's page in the other edition ({@code /ru/section/news}), its articles in that language. */
    @GetMapping(PublicPaths.EDITION_SECTION_ROUTE)
    String section(
            @PathVariable String language,
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Language chosen = Language.fromCode(language).orElseThrow();
        if (chosen == editions.siteLanguage()) {
            return LanguageEditions.permanently(request, PublicPaths.section(slug));
        }
        speak(chosen, model, request);
        return section(chosen, slug, page, model, response);
    }

    /** The page speaks its edition's language, whatever the reader's browser prefers. */
    private void speak(Language language, Model model, HttpServletRequest request) {
        PageLocales.setContentLanguage(request, language.locale());
        model.addAttribute("ui", uis.forRequest(request));
    }

    private String section(Language language, String slug, int page, Model model, HttpServletResponse response) {
        var section = sections.findBySlug(slug)
                .flatMap(found -> sections.find(found.id(), language))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var cards =
                articles.page(new press.tamizdat.publishing.Listing.InSectionIn(section, language), page, PAGE_SIZE);
        response.setHeader(CachedPages.SURROGATE_KEY, "section-" + slug);
        String path = PublicPaths.section(section.slug());
        return show(
                model,
                new Listing("listing.section", section.name(), editions.path(language, path), cards, alternates(path)));
    }

    /** The same page in every edition, for {@code hreflang}; the root edition's is the default. */
    private List<Ui.Link> alternates(String path) {
        var alternates = new java.util.ArrayList<Ui.Link>();
        for (Language each : Language.values()) {
            alternates.add(new Ui.Link(each.code(), urls.absolute(editions.path(each, path))));
        }
        alternates.add(new Ui.Link("x-default", urls.absolute(path)));
        return alternates;
    }

    /** A tag's page in the edition of the site's language. */
    @GetMapping(PublicPaths.TAG_ROUTE)
    String tag(
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        return tag(editions.siteLanguage(), slug, page, model, request, response);
    }

    /** A tag's page in the other edition ({@code /ru/tag/press-freedom}): its articles in that language, its name in it. */
    @GetMapping(PublicPaths.EDITION_TAG_ROUTE)
    String tag(
            @PathVariable String language,
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Language chosen = Language.fromCode(language).orElseThrow();
        if (chosen == editions.siteLanguage()) {
            return LanguageEditions.permanently(request, PublicPaths.tag(slug));
        }
        speak(chosen, model, request);
        return tag(chosen, slug, page, model, request, response);
    }

    /** Asked for by the slug of one of its names ({@code /ru/tag/svoboda-pressy}), a tag's page moves to the tag's own. */
    private String tag(
            Language language,
            String slug,
            int page,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        var tag = tags.find(slug, language).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String path = PublicPaths.tag(tag.slug());
        if (!tag.slug().equals(slug)) {
            // not for good: the name may be given to another tag tomorrow
            return "redirect:" + editions.path(language, path) + (page > 1 ? "?page=" + page : "");
        }
        var cards =
                articles.page(new press.tamizdat.publishing.Listing.TaggedIn(tag.slug(), language), page, PAGE_SIZE);
        response.setHeader(CachedPages.SURROGATE_KEY, "tag-" + tag.slug());
        Language other = LanguageEditions.other(language);
        // a tag on the other edition's stories only: its page here says where they are
        Ui.@Nullable Link elsewhere = cards.total() == 0
                        && articles.page(new press.tamizdat.publishing.Listing.TaggedIn(tag.slug(), other), 1, 1)
                                        .total()
                                > 0
                ? new Ui.Link(other.code(), editions.path(other, path))
                : null;
        return show(
                model,
                new Listing(
                        "listing.tag", tag.name(), editions.path(language, path), cards, alternates(path), elsewhere));
    }

    @GetMapping(PublicPaths.AUTHOR_ROUTE)
    String author(
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HttpServletResponse response) {
        String name = articles.authorName(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var cards = articles.page(new press.tamizdat.publishing.Listing.ByAuthor(slug), page, PAGE_SIZE);
        response.setHeader(CachedPages.SURROGATE_KEY, "author-" + slug);
        return show(model, new Listing("listing.author", name, PublicPaths.author(name), cards));
    }

    private static String show(Model model, Listing listing) {
        if (listing.cards().page() > Math.max(1, listing.cards().totalPages())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("page", listing);
        return "site/listing";
    }
}
