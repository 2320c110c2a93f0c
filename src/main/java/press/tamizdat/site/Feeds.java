package press.tamizdat.site;

import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.platform.Text;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.PublishedArticle;
import press.tamizdat.publishing.Section;
import press.tamizdat.publishing.Sections;
import press.tamizdat.reach.Mirrors;
import press.tamizdat.web.LanguageEditions;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;
import tools.jackson.databind.json.JsonMapper;

/**
 * RSS 2.0, Atom and JSON Feed 1.1 with the articles' full text — for readers who reach us only
 * through a feed reader, and for apps — for the whole site and for each section.
 */
@RestController
class Feeds {

    static final int ENTRIES = 30;
    static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    static final MediaType JSON_FEED = MediaType.parseMediaType("application/feed+json;charset=UTF-8");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Articles articles;
    private final Sections sections;
    private final SiteUrls urls;
    private final TamizdatSettings settings;
    private final Mirrors mirrors;
    private final MessageSource messages;
    private final LanguageEditions editions;

    Feeds(
            LanguageEditions editions,
            Articles articles,
            Sections sections,
            SiteUrls urls,
            TamizdatSettings settings,
            Mirrors mirrors,
            MessageSource messages) {
        this.editions = editions;
        this.mirrors = mirrors;
        this.messages = messages;
        this.articles = articles;
        this.sections = sections;
        this.urls = urls;
        this.settings = settings;
    }

    @GetMapping(PublicPaths.RSS)
    ResponseEntity<String> rss(HttpServletResponse response) {
        return feed("rss_2.0", RSS, null, editions.siteLanguage(), PublicPaths.RSS, response);
    }

    @GetMapping(PublicPaths.ATOM)
    ResponseEntity<String> atom(HttpServletResponse response) {
        return feed("atom_1.0", ATOM, null, editions.siteLanguage(), PublicPaths.ATOM, response);
    }

    /** The other language edition's feeds ({@code /ru/rss.xml}); the site language's are at the root. */
    @GetMapping(PublicPaths.EDITION_RSS_ROUTE)
    ResponseEntity<String> editionRss(@PathVariable String language, HttpServletResponse response) {
        Language chosen = Language.fromCode(language).orElseThrow();
        return chosen == editions.siteLanguage()
                ? toRoot(PublicPaths.RSS)
                : feed("rss_2.0", RSS, null, chosen, editions.path(chosen, PublicPaths.RSS), response);
    }

    @GetMapping(PublicPaths.EDITION_ATOM_ROUTE)
    ResponseEntity<String> editionAtom(@PathVariable String language, HttpServletResponse response) {
        Language chosen = Language.fromCode(language).orElseThrow();
        return chosen == editions.siteLanguage()
                ? toRoot(PublicPaths.ATOM)
                : feed("atom_1.0", ATOM, null, chosen, editions.path(chosen, PublicPaths.ATOM), response);
    }

    @GetMapping(PublicPaths.EDITION_JSON_FEED_ROUTE)
    ResponseEntity<String> editionJson(@PathVariable String language, HttpServletResponse response) {
        Language chosen = Language.fromCode(language).orElseThrow();
        return chosen == editions.siteLanguage()
                ? toRoot(PublicPaths.JSON_FEED)
                : jsonFeed(null, chosen, editions.path(chosen, PublicPaths.JSON_FEED), response);
    }

    /** The site language's edition has its feeds at the root: its prefixed address leads there. */
    private static ResponseEntity<String> toRoot(String path) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                .location(java.net.URI.create(path))
                .build();
    }

    @GetMapping(PublicPaths.SECTION_RSS_ROUTE)
    ResponseEntity<String> sectionRss(@PathVariable String slug, HttpServletResponse response) {
        return feed(
                "rss_2.0",
                RSS,
                section(slug),
                editions.siteLanguage(),
                PublicPaths.sectionFeed(slug, "rss.xml"),
                response);
    }

    @GetMapping(PublicPaths.SECTION_ATOM_ROUTE)
    ResponseEntity<String> sectionAtom(@PathVariable String slug, HttpServletResponse response) {
        return feed(
                "atom_1.0",
                ATOM,
                section(slug),
                editions.siteLanguage(),
                PublicPaths.sectionFeed(slug, "atom.xml"),
                response);
    }

    @GetMapping(PublicPaths.JSON_FEED)
    ResponseEntity<String> json(HttpServletResponse response) {
        return jsonFeed(null, editions.siteLanguage(), PublicPaths.JSON_FEED, response);
    }

    @GetMapping(PublicPaths.SECTION_JSON_FEED_ROUTE)
    ResponseEntity<String> sectionJson(@PathVariable String slug, HttpServletResponse response) {
        return jsonFeed(section(slug), editions.siteLanguage(), PublicPaths.sectionFeed(slug, "feed.json"), response);
    }

    /** JSON Feed 1.1 (jsonfeed.org/version/1.1): the same entries and full text as the XML feeds. */
    private ResponseEntity<String> jsonFeed(
            @Nullable Section section, Language language, String selfPath, HttpServletResponse response) {
        String name = settings.site().name();
        var feed = new LinkedHashMap<String, Object>();
        feed.put("version", "https://jsonfeed.org/version/1.1");
        feed.put("title", section == null ? name : name + " · " + section.name());
        feed.put(
                "home_page_url",
                urls.absolute(
                        section == null
                                ? editions.home(language)
                                : editions.path(language, PublicPaths.section(section.slug()))));
        feed.put("feed_url", urls.absolute(selfPath));
        feed.put("description", description(name));
        feed.put("language", language.code());
        feed.put("icon", urls.absolute("/assets/icon.svg"));
        feed.put(
                "items",
                articles.latestInFull(section, language, ENTRIES).stream()
                        .map(this::item)
                        .toList());
        response.setHeader(CachedPages.SURROGATE_KEY, section == null ? "feed" : "feed section-" + section.slug());
        return ResponseEntity.ok().contentType(JSON_FEED).body(JSON.writeValueAsString(feed));
    }

    private Map<String, Object> item(PublishedArticle article) {
        var item = new LinkedHashMap<String, Object>();
        item.put("id", urls.absolute(article.path()));
        item.put("url", urls.absolute(article.path()));
        item.put("title", article.headline());
        item.put("content_html", fullText(article));
        if (article.subheadline() != null) {
            item.put("summary", article.subheadline());
        }
        if (article.photo() != null) {
            String src = article.photo().src();
            item.put("image", src.startsWith("/") ? urls.absolute(src) : src);
        }
        item.put("date_published", article.publishedAt().toString());
        item.put(
                "date_modified",
                (article.updatedAt() != null ? article.updatedAt() : article.publishedAt()).toString());
        item.put(
                "authors",
                article.bylines().stream().map(byline -> Map.of("name", byline)).toList());
        item.put(
                "tags",
                java.util.stream.Stream.concat(
                                Stream.of(article.section().name()),
                                article.tags().stream().map(press.tamizdat.publishing.TagName::name))
                        .distinct()
                        .toList());
        item.put("language", article.language().code());
        return item;
    }

    private String description(String name) {
        var elsewhere = mirrors.all();
        return elsewhere.isEmpty()
                ? name
                : name + ". "
                        + messages.getMessage(
                                "feed.mirrors",
                                new Object[] {String.join(", ", elsewhere)},
                                settings.site().language());
    }

    private Section section(String slug) {
        return sections.findBySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private ResponseEntity<String> feed(
            String type,
            MediaType mediaType,
            @Nullable Section section,
            Language language,
            String selfPath,
            HttpServletResponse response) {
        List<PublishedArticle> latest = articles.latestInFull(section, language, ENTRIES);
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type);
        String name = settings.site().name();
        feed.setTitle(Text.forXml(section == null ? name : name + " · " + section.name()));
        // where the outlet can be read when this address is blocked, for readers who only have the feed
        var elsewhere = mirrors.all();
        feed.setDescription(Text.forXml(
                elsewhere.isEmpty()
                        ? name
                        : name + ". "
                                + messages.getMessage(
                                        "feed.mirrors",
                                        new Object[] {String.join(", ", elsewhere)},
                                        settings.site().language())));
        feed.setLink(urls.absolute(
                section == null
                        ? editions.home(language)
                        : editions.path(language, PublicPaths.section(section.slug()))));
        feed.setUri(urls.absolute(selfPath));
        feed.setLanguage(language.code());
        var self = new SyndLinkImpl();
        self.setRel("self");
        self.setHref(urls.absolute(selfPath));
        self.setType(mediaType.getType() + "/" + mediaType.getSubtype());
        var site = new SyndLinkImpl();
        site.setRel("alternate");
        site.setHref(feed.getLink());
        feed.setLinks(List.of(self, site));
        if (!latest.isEmpty()) {
            feed.setPublishedDate(Date.from(latest.getFirst().publishedAt()));
        }
        feed.setEntries(latest.stream().map(this::entry).toList());
        response.setHeader(CachedPages.SURROGATE_KEY, section == null ? "feed" : "feed section-" + section.slug());
        try {
            return ResponseEntity.ok().contentType(mediaType).body(new SyndFeedOutput().outputString(feed));
        } catch (FeedException e) {
            throw new IllegalStateException("Could not write the " + type + " feed", e);
        }
    }

    private SyndEntry entry(PublishedArticle article) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setTitle(Text.forXml(article.headline()));
        entry.setLink(urls.absolute(article.path()));
        entry.setUri(urls.absolute(article.path()));
        entry.setPublishedDate(Date.from(article.publishedAt()));
        entry.setUpdatedDate(Date.from(article.updatedAt() != null ? article.updatedAt() : article.publishedAt()));
        entry.setAuthors(article.bylines().stream()
                .map(byline -> {
                    var person = new SyndPersonImpl();
                    person.setName(Text.forXml(byline));
                    return (com.rometools.rome.feed.synd.SyndPerson) person;
                })
                .toList());
        var category = new SyndCategoryImpl();
        category.setName(Text.forXml(article.section().name()));
        entry.setCategories(List.of(category));
        if (article.subheadline() != null) {
            var summary = new SyndContentImpl();
            summary.setType("text/plain");
            summary.setValue(Text.forXml(article.subheadline()));
            entry.setDescription(summary);
        }
        var body = new SyndContentImpl();
        body.setType("text/html");
        body.setValue(Text.forXml(fullText(article)));
        entry.setContents(List.of(body));
        return entry;
    }

    /** The whole article as the page shows it, with absolute links, and its lead picture first. */
    private String fullText(PublishedArticle article) {
        var html = new StringBuilder();
        if (article.photo() != null) {
            html.append("<p><img src=\"")
                    .append(article.photo().src())
                    .append("\" alt=\"")
                    .append(org.springframework.web.util.HtmlUtils.htmlEscape(
                            article.photo().alt()))
                    .append("\"></p>");
        }
        if (article.subheadline() != null) {
            html.append("<p><strong>")
                    .append(org.springframework.web.util.HtmlUtils.htmlEscape(article.subheadline()))
                    .append("</strong></p>");
        }
        html.append(article.bodyHtml());
        return urls.absolutizeHtml(html.toString());
    }
}
