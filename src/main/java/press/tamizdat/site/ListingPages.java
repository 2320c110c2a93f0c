package press.tamizdat.site;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.CardPage;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.PublicPaths;

/** Section, tag and author pages: published articles, newest first, twenty to a page. */
@Controller
class ListingPages {

    static final int PAGE_SIZE = 20;

    private final ArticleCards articles;
    private final Sections sections;

    ListingPages(ArticleCards articles, Sections sections) {
        this.articles = articles;
        this.sections = sections;
    }

    /** What the listing template shows; {@code titleKey} is a message with the name as its argument. */
    record Listing(String titleKey, String name, String path, CardPage cards) {}

    @GetMapping(PublicPaths.SECTION_ROUTE)
    String section(
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HttpServletResponse response) {
        var section = sections.findBySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var cards = articles.page(new press.tamizdat.publishing.Listing.InSection(section), page, PAGE_SIZE);
        response.setHeader(CachedPages.SURROGATE_KEY, "section-" + slug);
        return show(model, new Listing("listing.section", section.name(), PublicPaths.section(section.slug()), cards));
    }

    @GetMapping(PublicPaths.TAG_ROUTE)
    String tag(
            @PathVariable String slug,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HttpServletResponse response) {
        String name = articles.tagName(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var cards = articles.page(new press.tamizdat.publishing.Listing.Tagged(slug), page, PAGE_SIZE);
        response.setHeader(CachedPages.SURROGATE_KEY, "tag-" + slug);
        return show(model, new Listing("listing.tag", name, PublicPaths.tag(name), cards));
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
