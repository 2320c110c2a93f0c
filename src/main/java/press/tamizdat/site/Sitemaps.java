package press.tamizdat.site;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.ArticleLocations;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * What search engines read: {@code /robots.txt}, {@code /sitemap.xml} (an index of numbered files
 * once the site has more addresses than one sitemap may hold) and the news sitemap of the last two
 * days' articles.
 */
@RestController
class Sitemaps {

    static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");
    static final Duration NEWS_WINDOW = Duration.ofDays(2);
    private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ArticleLocations articles;
    private final Sections sections;
    private final SiteUrls urls;
    private final TamizdatSettings settings;
    private final Clock clock;
    private final int maxUrls;

    private final press.tamizdat.web.LanguageEditions editions;

    Sitemaps(
            press.tamizdat.web.LanguageEditions editions,
            ArticleLocations articles,
            Sections sections,
            SiteUrls urls,
            TamizdatSettings settings,
            Clock clock,
            SitemapSettings sitemaps) {
        this.editions = editions;
        this.articles = articles;
        this.sections = sections;
        this.urls = urls;
        this.settings = settings;
        this.clock = clock;
        this.maxUrls = sitemaps.maxUrls();
    }

    @GetMapping(path = PublicPaths.ROBOTS, produces = "text/plain;charset=UTF-8")
    String robots() {
        return "User-agent: *\nDisallow: /newsroom/\nDisallow: /search\n\n"
                + "Sitemap: " + urls.absolute("/sitemap.xml") + "\n"
                + "Sitemap: " + urls.absolute("/news-sitemap.xml") + "\n";
    }

    @GetMapping(PublicPaths.SITEMAP)
    ResponseEntity<String> sitemap(HttpServletResponse response) {
        response.setHeader(CachedPages.SURROGATE_KEY, "sitemap");
        long published = articles.publishedCount();
        if (pageUrls().size() + published <= maxUrls) {
            var xml = urlset();
            pageUrls().forEach(path -> url(xml, path, null));
            articles.locations(0, (int) published).forEach(l -> url(xml, l.path(), l.lastModified()));
            return xml(xml.append("</urlset>\n"));
        }
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        xml.append("  <sitemap><loc>")
                .append(escape(urls.absolute("/sitemaps/pages.xml")))
                .append("</loc></sitemap>\n");
        for (long part = 1; part <= parts(published); part++) {
            xml.append("  <sitemap><loc>")
                    .append(escape(urls.absolute("/sitemaps/articles-" + part + ".xml")))
                    .append("</loc></sitemap>\n");
        }
        return xml(xml.append("</sitemapindex>\n"));
    }

    @GetMapping(PublicPaths.SITEMAP_PAGES)
    ResponseEntity<String> pages() {
        var xml = urlset();
        pageUrls().forEach(path -> url(xml, path, null));
        return xml(xml.append("</urlset>\n"));
    }

    @GetMapping(PublicPaths.SITEMAP_ARTICLES)
    ResponseEntity<String> articlesPart(@PathVariable int part) {
        if (part < 1 || part > parts(articles.publishedCount())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var xml = urlset();
        articles.locations((long) (part - 1) * maxUrls, maxUrls).forEach(l -> url(xml, l.path(), l.lastModified()));
        return xml(xml.append("</urlset>\n"));
    }

    @GetMapping(PublicPaths.NEWS_SITEMAP)
    ResponseEntity<String> news(HttpServletResponse response) {
        response.setHeader(CachedPages.SURROGATE_KEY, "sitemap");
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"")
                .append(" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n");
        for (var recent : articles.publishedSince(clock.instant().minus(NEWS_WINDOW))) {
            xml.append("  <url>\n    <loc>")
                    .append(escape(urls.absolute(recent.path())))
                    .append("</loc>\n")
                    .append("    <news:news>\n      <news:publication>\n        <news:name>")
                    .append(escape(settings.site().name()))
                    .append("</news:name>\n        <news:language>")
                    .append(recent.language().code())
                    .append("</news:language>\n      </news:publication>\n")
                    .append("      <news:publication_date>")
                    .append(W3C.format(recent.publishedAt()))
                    .append("</news:publication_date>\n      <news:title>")
                    .append(escape(recent.headline()))
                    .append("</news:title>\n    </news:news>\n  </url>\n");
        }
        return xml(xml.append("</urlset>\n"));
    }

    /** Each language edition's front page and section pages. */
    private List<String> pageUrls() {
        var paths = new java.util.ArrayList<String>();
        for (var language : press.tamizdat.platform.Language.values()) {
            paths.add(editions.home(language));
            sections.all().forEach(section -> paths.add(editions.path(language, PublicPaths.section(section.slug()))));
        }
        return paths;
    }

    private long parts(long published) {
        return Math.max(1, (published + maxUrls - 1) / maxUrls);
    }

    private static StringBuilder urlset() {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    }

    private void url(StringBuilder xml, String path, @org.jspecify.annotations.Nullable Instant lastModified) {
        xml.append("  <url><loc>").append(escape(urls.absolute(path))).append("</loc>");
        if (lastModified != null) {
            xml.append("<lastmod>").append(W3C.format(lastModified)).append("</lastmod>");
        }
        xml.append("</url>\n");
    }

    private static ResponseEntity<String> xml(StringBuilder xml) {
        return ResponseEntity.ok().contentType(XML).body(xml.toString());
    }

    /** Text as XML character data: what XML cannot hold (control characters, lone surrogates) left out, the rest escaped. */
    static String escape(String text) {
        return press.tamizdat.platform.Text.forXml(text)
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
