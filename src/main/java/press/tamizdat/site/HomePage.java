package press.tamizdat.site;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import press.tamizdat.privacy.PageViews;
import press.tamizdat.publishing.ArticleCard;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.Section;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.PublicPaths;

/** The front page: the lead story, the latest articles, then the latest of each section. */
@Controller
class HomePage {

    static final int LATEST = 6;
    static final int PER_SECTION = 4;
    static final int MOST_READ = 5;

    private final ArticleCards articles;
    private final Sections sections;
    private final PageViews views;

    HomePage(ArticleCards articles, Sections sections, PageViews views) {
        this.articles = articles;
        this.sections = sections;
        this.views = views;
    }

    record Home(
            @Nullable ArticleCard lead,
            List<ArticleCard> latest,
            List<ArticleCard> mostRead,
            List<SectionBlock> sections) {}

    record SectionBlock(Section section, String path, List<ArticleCard> cards) {}

    @GetMapping(PublicPaths.HOME)
    String home(Model model, HttpServletResponse response) {
        response.setHeader(CachedPages.SURROGATE_KEY, "home");
        List<ArticleCard> latest = articles.latest(LATEST + 1);
        var blocks = sections.all().stream()
                .map(section -> new SectionBlock(
                        section, PublicPaths.section(section.slug()), articles.latestIn(section, PER_SECTION)))
                .filter(block -> !block.cards().isEmpty())
                .toList();
        model.addAttribute(
                "page",
                new Home(
                        latest.isEmpty() ? null : latest.getFirst(),
                        latest.isEmpty() ? List.of() : latest.subList(1, latest.size()),
                        mostRead(),
                        blocks));
        return "site/home";
    }

    /** From the readings counted without cookies; unpublished articles drop out, so a few more are asked for. */
    private List<ArticleCard> mostRead() {
        var cards = articles.publishedCards(views.mostRead(MOST_READ * 2));
        return cards.size() > MOST_READ ? cards.subList(0, MOST_READ) : cards;
    }
}
