package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;
import tools.jackson.databind.json.JsonMapper;

/** Feeds, sitemaps, robots.txt and the metadata that search engines and feed readers read. */
@SpringBootTest(properties = {"tamizdat.site.url=https://news.example", "tamizdat.sitemap.max-urls=10"})
@AutoConfigureMockMvc
class DiscoveryTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    String body(String path) throws Exception {
        return mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    static SyndFeed parse(String xml) throws Exception {
        return new SyndFeedInput().build(new StringReader(xml));
    }

    static void assertValid(String xml, String schema) throws Exception {
        var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var validator = factory.newSchema(DiscoveryTests.class.getResource("/xsd/" + schema))
                .newValidator();
        validator.validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void anArticleIsSharedByPlainLinksThatCarryItsAddressAndHeadline() throws Exception {
        var articles = new TestArticles(context);
        String headline = "Share & tell: «news» " + UUID.randomUUID();
        long id = articles.publish(Language.EN, headline, "Body.", List.of());
        String address = "https://news.example" + articles.path(id);

        var share = Jsoup.parse(body(articles.path(id))).select("nav.share");
        var links = share.select("a");

        assertThat(links.eachAttr("href")).hasSize(6);
        assertThat(links.get(0).attr("href")).isEqualTo(address);
        assertThat(links.get(1).attr("href")).startsWith("mailto:?").doesNotContain("+");
        assertThat(query(links.get(1).attr("href")))
                .containsEntry("subject", headline)
                .containsEntry("body", address);
        assertThat(links.subList(2, 6).stream()
                        .map(a -> java.net.URI.create(a.attr("href")).getHost()))
                .containsExactly("t.me", "wa.me", "vk.com", "x.com");
        assertThat(query(links.get(2).attr("href")))
                .containsEntry("url", address)
                .containsEntry("text", headline);
        assertThat(query(links.get(3).attr("href"))).containsEntry("text", headline + " " + address);
        assertThat(query(links.get(4).attr("href")))
                .containsEntry("url", address)
                .containsEntry("title", headline);
        assertThat(query(links.get(5).attr("href")))
                .containsEntry("url", address)
                .containsEntry("text", headline);
        assertThat(links.subList(2, 6))
                .allSatisfy(a -> assertThat(a.attr("rel")).contains("noreferrer"));
        // links only: nothing in the block is fetched before a click
        assertThat(share.select("img, script, iframe, link, [style]")).isEmpty();
    }

    /** The decoded parameters after the ? of {@code href}. */
    private static java.util.Map<String, String> query(String href) {
        var parameters = new java.util.HashMap<String, String>();
        for (String pair : href.substring(href.indexOf('?') + 1).split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(
                    pair.substring(0, equals),
                    java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void rssFeedCarriesTheFullTextWithAbsoluteLinks() throws Exception {
        var articles = new TestArticles(context);
        String marker = UUID.randomUUID().toString();
        long id = articles.publish(Language.EN, "Feed story " + marker, "Full **text** " + marker + ".", List.of());

        var feed = parse(body("/rss.xml"));

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        var entry = feed.getEntries().stream()
                .filter(e -> e.getTitle().contains(marker))
                .findFirst()
                .orElseThrow();
        assertThat(entry.getLink()).isEqualTo("https://news.example" + articles.path(id));
        assertThat(entry.getContents().getFirst().getValue()).contains("<strong>text</strong>", marker);
        assertThat(entry.getPublishedDate()).isNotNull();
    }

    @Test
    void atomFeedRoundTripsWithAuthorsAndFullText() throws Exception {
        var articles = new TestArticles(context);
        String marker = UUID.randomUUID().toString();
        articles.publish(Language.EN, "Atom story " + marker, "Atom body " + marker + ".", List.of());

        var feed = parse(body("/atom.xml"));

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        var entry = feed.getEntries().stream()
                .filter(e -> e.getTitle().contains(marker))
                .findFirst()
                .orElseThrow();
        assertThat(entry.getAuthors()).extracting(a -> a.getName()).containsExactly("Test Editor");
        assertThat(entry.getContents().getFirst().getValue()).contains("Atom body " + marker);
    }

    @Test
    void sectionFeedHoldsOnlyItsSection() throws Exception {
        var articles = new TestArticles(context);
        String marker = UUID.randomUUID().toString();
        articles.publish(Language.EN, "Culture " + marker, "Body.", List.of(), "culture");
        articles.publish(Language.EN, "News " + marker, "Body.", List.of(), "news");

        var titles = parse(body("/section/culture/rss.xml")).getEntries().stream()
                .map(e -> e.getTitle())
                .toList();

        assertThat(titles).contains("Culture " + marker).doesNotContain("News " + marker);
    }

    @Test
    void jsonFeedIsVersionOnePointOneWithTheFullTextAndAbsoluteLinks() throws Exception {
        var articles = new TestArticles(context);
        String marker = UUID.randomUUID().toString();
        long id = articles.publish(
                Language.EN,
                "JSON \"story\" </script> " + marker,
                "Full **text** [here](/about) " + marker + ".",
                List.of());

        var response = mvc.perform(get("/feed.json"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        var feed = JsonMapper.builder().build().readTree(response.getContentAsString());

        assertThat(response.getContentType()).startsWith("application/feed+json");
        // what JSON Feed 1.1 requires: version, title, items; each item an id and content
        assertThat(feed.path("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("title").asString()).isNotBlank();
        assertThat(feed.path("feed_url").asString()).isEqualTo("https://news.example/feed.json");
        assertThat(feed.path("home_page_url").asString()).isEqualTo("https://news.example/");
        for (var item : feed.path("items")) {
            assertThat(item.path("id").isString()).isTrue();
            assertThat(item.path("content_html").isString()).isTrue();
        }
        var item = java.util.stream.StreamSupport.stream(feed.path("items").spliterator(), false)
                .filter(i -> i.path("title").asString().contains(marker))
                .findFirst()
                .orElseThrow();
        assertThat(item.path("title").asString()).isEqualTo("JSON \"story\" </script> " + marker);
        assertThat(item.path("url").asString()).isEqualTo("https://news.example" + articles.path(id));
        assertThat(item.path("id").asString()).isEqualTo(item.path("url").asString());
        assertThat(item.path("content_html").asString())
                .contains("<strong>text</strong>", "href=\"https://news.example/about\"");
        assertThat(java.time.Instant.parse(item.path("date_published").asString()))
                .isNotNull();
        assertThat(item.path("authors").path(0).path("name").asString()).isEqualTo("Test Editor");
        assertThat(item.path("language").asString()).isEqualTo("en");
    }

    @Test
    void jsonFeedsMatchTheJsonFeedSchema() throws Exception {
        var articles = new TestArticles(context);
        articles.publish(
                Language.EN,
                "Schema story \u2028 \" <b> & \uD83D\uDCF0",
                "Body with a [link](/about) and `code`.",
                List.of("Press freedom", "Дом"),
                "culture");
        var registry = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                com.networknt.schema.SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        var schema = registry.getSchema(DiscoveryTests.class.getResourceAsStream("/json/jsonfeed-1.1.schema.json"));

        for (String path : List.of("/feed.json", "/section/culture/feed.json")) {
            var errors = schema.validate(body(path), com.networknt.schema.InputFormat.JSON);
            assertThat(errors).as(path).isEmpty();
        }
    }

    @Test
    void jsonFeedSchemaRefusesAFeedMissingWhatTheSpecificationRequires() {
        var schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                        com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(DiscoveryTests.class.getResourceAsStream("/json/jsonfeed-1.1.schema.json"));

        var errors = schema.validate(
                "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"x\",\"items\":[{\"id\":\"1\"}]}",
                com.networknt.schema.InputFormat.JSON);

        assertThat(errors).isNotEmpty();
    }

    @Test
    void sectionJsonFeedHoldsOnlyItsSection() throws Exception {
        var articles = new TestArticles(context);
        String marker = UUID.randomUUID().toString();
        articles.publish(Language.EN, "Culture json " + marker, "Body.", List.of(), "culture");
        articles.publish(Language.EN, "News json " + marker, "Body.", List.of(), "news");

        var feed = JsonMapper.builder().build().readTree(body("/section/culture/feed.json"));
        var titles = java.util.stream.StreamSupport.stream(feed.path("items").spliterator(), false)
                .map(i -> i.path("title").asString())
                .toList();

        assertThat(feed.path("feed_url").asString()).isEqualTo("https://news.example/section/culture/feed.json");
        assertThat(titles).contains("Culture json " + marker).doesNotContain("News json " + marker);
        assertThat(mvc.perform(get("/section/no-such-section/feed.json"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void sitemapBecomesAValidIndexPastItsLimitAndEveryPartIsValid() throws Exception {
        var articles = new TestArticles(context);
        for (int i = 0; i < 21; i++) {
            articles.publish(Language.EN, "Sitemap filler " + i, "Body.", List.of());
        }

        String index = body("/sitemap.xml");

        assertValid(index, "siteindex.xsd");
        var parts = Jsoup.parse(index, "", org.jsoup.parser.Parser.xmlParser())
                .select("sitemap > loc")
                .eachText();
        assertThat(parts).first().isEqualTo("https://news.example/sitemaps/pages.xml");
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
        for (String part : parts) {
            String xml = body(part.replace("https://news.example", ""));
            assertValid(xml, "sitemap.xsd");
            assertThat(Jsoup.parse(xml, "", org.jsoup.parser.Parser.xmlParser()).select("url"))
                    .hasSizeLessThanOrEqualTo(10);
        }
    }

    @Test
    void newsSitemapListsTheLastTwoDaysAndIsValid() throws Exception {
        var articles = new TestArticles(context);
        long id = articles.publish(Language.RU, "Свежая новость", "Текст.", List.of());

        String xml = body("/news-sitemap.xml");

        assertValid(xml, "sitemap.xsd");
        assertThat(xml)
                .contains(
                        "https://news.example" + articles.path(id),
                        "<news:language>ru</news:language>",
                        "<news:title>Свежая новость</news:title>");
    }

    @Test
    void robotsNameBothSitemapsAndKeepCrawlersOutOfTheNewsroom() throws Exception {
        String robots = body("/robots.txt");

        assertThat(robots)
                .contains(
                        "Sitemap: https://news.example/sitemap.xml",
                        "Sitemap: https://news.example/news-sitemap.xml",
                        "Disallow: /newsroom/");
    }

    @Test
    void articlePageCarriesCanonicalOpenGraphTwitterAndNewsArticleData() throws Exception {
        var articles = new TestArticles(context);
        long id = articles.publish(Language.EN, "Meta </script><b>story", "Body.", List.of("meta"));
        String canonical = "https://news.example" + articles.path(id);

        var page = Jsoup.parse(body(articles.path(id)));

        assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo(canonical);
        assertThat(page.select("meta[property=og:url]").attr("content")).isEqualTo(canonical);
        assertThat(page.select("meta[property=og:title]").attr("content")).isEqualTo("Meta </script><b>story");
        assertThat(page.select("meta[name=twitter:card]").attr("content")).isEqualTo("summary");
        assertThat(page.select("link[rel=alternate][type=application/rss+xml]").attr("href"))
                .isEqualTo("/rss.xml");
        assertThat(page.select("link[rel=alternate][type=application/feed+json]")
                        .attr("href"))
                .isEqualTo("/feed.json");
        var jsonLd = page.select("script[type=application/ld+json]");
        assertThat(jsonLd).hasSize(1);
        var data = JsonMapper.builder().build().readTree(jsonLd.first().data());
        assertThat(data.get("@type").asString()).isEqualTo("NewsArticle");
        assertThat(data.get("headline").asString()).isEqualTo("Meta </script><b>story");
        assertThat(data.get("mainEntityOfPage").asString()).isEqualTo(canonical);
        assertThat(page.select("body b")).isEmpty();
    }
}
