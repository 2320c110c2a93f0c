package press.tamizdat.privacy;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.publishing.ArticleCard;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.Section;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * Readings in the newsroom (editors): readings per day as a chart drawn here as SVG, the most read
 * articles, the sections and the referring sites, over the last 7, 30 or 90 days, for the whole site
 * or one section. Every figure is a count; there is no reader to look up.
 */
@Controller
class ReadershipDesk {

    static final int CHART_WIDTH = 720;
    static final int CHART_HEIGHT = 200;
    static final List<Integer> SPANS = List.of(7, 30, 90);
    static final int TOP = 50;

    private final PageViews views;
    private final ArticleCards articles;
    private final UiFactory uis;
    private final Clock clock;

    ReadershipDesk(PageViews views, ArticleCards articles, UiFactory uis, Clock clock) {
        this.views = views;
        this.articles = articles;
        this.uis = uis;
        this.clock = clock;
    }

    record Bar(int x, int width, int y, int height, String title) {}

    record ArticleRow(String headline, String path, String section, long views) {}

    record Total(String name, long views) {}

    record SectionChoice(String slug, String name) {}

    record ReadershipView(
            int days,
            List<Integer> spans,
            String section,
            List<SectionChoice> sections,
            long total,
            List<Bar> bars,
            int chartWidth,
            int chartHeight,
            String chartLabel,
            long highest,
            List<ArticleRow> articles,
            List<Total> bySection,
            List<Total> referrers) {}

    @GetMapping("/newsroom/readership")
    String show(
            @RequestParam(defaultValue = "30") int days,
            @RequestParam(defaultValue = "") String section,
            HttpServletRequest request,
            Model model) {
        Ui ui = uis.forRequest(request);
        int span = SPANS.contains(days) ? days : 30;
        LocalDate last = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = last.minusDays(span - 1L);
        var rows = views.days(first, last);
        var read = rows.stream().map(PageViews.Day::article).distinct().toList();
        Map<Long, Section> sectionOf = articles.sectionsOf(read);
        var sections = new TreeMap<String, Section>();
        sectionOf.values().forEach(s -> sections.put(s.slug(), s));
        String chosen = sections.containsKey(section) ? section : "";

        var perDay = new TreeMap<LocalDate, Long>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            perDay.put(day, 0L);
        }
        var perArticle = new HashMap<Long, Long>();
        var perSection = new HashMap<String, Long>();
        for (var row : rows) {
            var inSection = sectionOf.get(row.article());
            String name = inSection == null ? ui.text("readership.no-section") : inSection.name();
            perSection.merge(name, row.views(), Long::sum);
            if (chosen.isEmpty() || (inSection != null && inSection.slug().equals(chosen))) {
                perDay.merge(row.day(), row.views(), Long::sum);
                perArticle.merge(row.article(), row.views(), Long::sum);
            }
        }
        var perHost = new HashMap<String, Long>();
        for (var referrer : views.referrers(first, last)) {
            if (perArticle.containsKey(referrer.article())) {
                perHost.merge(referrer.host(), referrer.views(), Long::sum);
            }
        }

        var top = perArticle.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .toList();
        var cards = new HashMap<Long, ArticleCard>();
        articles.cardsInAnyState(top.stream().map(Map.Entry::getKey).toList())
                .forEach(card -> cards.put(card.id(), card));
        var articleRows = top.stream()
                .filter(entry -> cards.containsKey(entry.getKey()))
                .map(entry -> {
                    var card = cards.get(entry.getKey());
                    return new ArticleRow(card.headline(), card.path(), card.sectionName(), entry.getValue());
                })
                .toList();

        long highest = Math.max(
                1, perDay.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int slot = CHART_WIDTH / perDay.size();
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(ui.locale());
        var bars = new ArrayList<Bar>();
        int i = 0;
        for (var day : perDay.entrySet()) {
            int height = (int) Math.round((double) day.getValue() / highest * CHART_HEIGHT);
            bars.add(new Bar(
                    i++ * slot + 1,
                    Math.max(1, slot - 2),
                    CHART_HEIGHT - height,
                    height,
                    dates.format(day.getKey()) + ": " + day.getValue()));
        }
        model.addAttribute("ui", ui);
        model.addAttribute(
                "page",
                new ReadershipView(
                        span,
                        SPANS,
                        chosen,
                        sections.values().stream()
                                .map(s -> new SectionChoice(s.slug(), s.name()))
                                .toList(),
                        perArticle.values().stream().mapToLong(Long::longValue).sum(),
                        List.copyOf(bars),
                        CHART_WIDTH,
                        CHART_HEIGHT,
                        ui.text("readership.chart", span),
                        highest,
                        articleRows,
                        sorted(perSection),
                        sorted(perHost).stream().limit(TOP).toList()));
        return "privacy/readership";
    }

    private static List<Total> sorted(Map<String, Long> totals) {
        var ordered = new LinkedHashMap<String, Long>();
        totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered.entrySet().stream()
                .map(entry -> new Total(entry.getKey(), entry.getValue()))
                .toList();
    }
}
