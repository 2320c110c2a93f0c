package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nu.validator.validation.SimpleDocumentValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.ArticleCards;
import press.tamizdat.publishing.TestArticles;

/**
 * Every public page type is valid HTML (checked by the Nu Html Checker, the W3C's validator, run
 * in-process) and meets the basics of accessibility: landmarks, a skip link to the main content,
 * alt text on every image, a label on every field, visible focus and sufficient contrast.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tamizdat.demo=true")
class AccessibilityTests {

    /** A real server, so that error pages come through the container's error dispatch as readers get them. */
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;

    @Autowired
    ArticleCards articles;

    List<String> pageTypes() {
        var paths = new ArrayList<String>(List.of(
                "/",
                "/section/news",
                "/tag/exile",
                "/ru/tag/exile",
                "/author/petra-lind",
                "/search",
                "/search?q=marensk",
                "/search?q=nothing-matches-this",
                "/about",
                "/contact",
                "/privacy",
                "/mirrors",
                "/corrections",
                "/privacy/my-data",
                "/privacy/my-data?token=not-a-token",
                "/lite",
                "/lite/section/news",
                "/support",
                "/newsletter",
                "/newsletter/check-your-inbox",
                "/newsletter/confirm?token=not-a-token",
                "/no-such-page"));
        articles.latest(100).forEach(card -> paths.add(card.path()));
        articles.latest(3).forEach(card -> paths.add("/lite" + card.path()));
        var test = new TestArticles(context);
        long gone = test.publish(Language.EN, "Withdrawn", "Body.", List.of());
        String gonePath = test.path(gone);
        test.unpublish(gone);
        paths.add(gonePath);
        return paths;
    }

    Document page(String path) throws Exception {
        return Jsoup.parse(html(path));
    }

    String html(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body();
    }

    @Test
    void everyPageTypeIsValidHtml() throws Exception {
        var validator = new SimpleDocumentValidator(false, false, false);
        var errors = new ArrayList<String>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        validator.setUpMainSchema("http://s.validator.nu/html5-rdfalite.rnc", collect);
        validator.setUpValidatorAndParsers(collect, true, false);
        var invalid = new java.util.LinkedHashMap<String, List<String>>();
        for (String path : pageTypes()) {
            errors.clear();
            validator.checkHtmlInputSource(new InputSource(new StringReader(html(path))));
            if (!errors.isEmpty()) {
                invalid.put(path, List.copyOf(errors));
            }
        }
        assertThat(invalid).as("validation errors per page").isEmpty();
    }

    @Test
    void everyPageHasLandmarksAndASkipLinkToItsMainContent() throws Exception {
        for (String path : pageTypes()) {
            Document page = page(path);
            assertThat(page.select("html").attr("lang")).as(path).isNotBlank();
            assertThat(page.title())
                    .as("the title of %s", path)
                    .contains("Tamizdat Demo")
                    .doesNotContain("$");
            assertThat(page.select("header")).as(path).isNotEmpty();
            assertThat(page.select("main")).as(path).hasSize(1);
            assertThat(page.select("footer")).as(path).isNotEmpty();
            assertThat(page.select("nav[aria-label]")).as(path).isNotEmpty();
            assertThat(page.select("h1")).as("one h1 on %s", path).hasSize(1);
            Element firstLink = page.body().selectFirst("a[href]");
            assertThat(firstLink).as(path).isNotNull();
            assertThat(firstLink.attr("href"))
                    .as(path)
                    .isEqualTo("#" + page.selectFirst("main").id());
        }
    }

    @Test
    void everyImageHasAltTextAndEveryFieldALabel() throws Exception {
        for (String path : pageTypes()) {
            Document page = page(path);
            assertThat(page.select("img:not([alt])"))
                    .as("images without alt on %s", path)
                    .isEmpty();
            for (Element field : page.select("input:not([type=hidden]):not([type=submit]), select, textarea")) {
                boolean labelled = !field.id().isEmpty()
                                && !page.select("label[for=" + field.id() + "]").isEmpty()
                        || field.closest("label") != null
                        || field.hasAttr("aria-label");
                assertThat(labelled).as("a label for %s on %s", field, path).isTrue();
            }
        }
    }

    @Test
    void focusIsVisibleAndTextColoursMeetWcagAaContrast() throws Exception {
        String css = new ClassPathResource("static/assets/site.css").getContentAsString(StandardCharsets.UTF_8);
        Map<String, String> colours = Pattern.compile("--([a-z]+):\\s*(#[0-9a-fA-F]{3,6})\\b")
                .matcher(css)
                .results()
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2)));
        assertThat(colours).containsKeys("ink", "muted", "accent", "paper", "focus");

        assertThat(css).contains(":focus-visible { outline: 3px solid var(--focus)");
        // body text, secondary text and links on the page's paper
        assertThat(contrast(colours.get("ink"), colours.get("paper"))).isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(colours.get("muted"), colours.get("paper"))).isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(colours.get("accent"), colours.get("paper"))).isGreaterThanOrEqualTo(4.5);
        // white text on the accent (the support banner, buttons)
        assertThat(contrast("#ffffff", colours.get("accent"))).isGreaterThanOrEqualTo(4.5);
        // the focus ring is a user-interface component: 3:1 against what it sits on
        assertThat(contrast(colours.get("focus"), colours.get("paper"))).isGreaterThanOrEqualTo(3.0);
    }

    /** WCAG 2 contrast ratio of two sRGB colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String colour) {
        String hex = colour.length() == 4
                ? "#" + colour.charAt(1) + colour.charAt(1) + colour.charAt(2) + colour.charAt(2) + colour.charAt(3)
                        + colour.charAt(3)
                : colour;
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            channels[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }
}
