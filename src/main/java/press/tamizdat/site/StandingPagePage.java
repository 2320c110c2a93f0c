package press.tamizdat.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.StandingPage;
import press.tamizdat.publishing.StandingPages;
import press.tamizdat.web.PageLocales;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.UiFactory;

/** About, Contact and the Privacy Policy (with its version), in the site's language. */
@Controller
class StandingPagePage {

    private final StandingPages pages;
    private final UiFactory uis;
    private final Language siteLanguage;

    StandingPagePage(StandingPages pages, UiFactory uis, TamizdatSettings settings) {
        this.pages = pages;
        this.uis = uis;
        this.siteLanguage =
                Language.fromCode(settings.site().language().getLanguage()).orElse(Language.EN);
    }

    record Standing(StandingPage page, boolean showVersion) {}

    @GetMapping(PublicPaths.STANDING_PAGE_ROUTE)
    String show(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response, Model model) {
        var page = pages.find(slug, siteLanguage).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        PageLocales.setContentLanguage(request, page.language().locale());
        response.setHeader(CachedPages.SURROGATE_KEY, "page-" + slug);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", new Standing(page, slug.equals(StandingPages.PRIVACY_POLICY)));
        return "site/standing";
    }
}
