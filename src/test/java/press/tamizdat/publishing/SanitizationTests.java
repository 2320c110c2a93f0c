package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.XssCorpus;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;

/** No known XSS payload survives, neither in the rendered body nor anywhere on the article page. */
@SpringBootTest
@AutoConfigureMockMvc
class SanitizationTests {

    static final Set<String> OUR_SCRIPTS = Set.of("/assets/site.js");

    @Autowired
    Markdown markdown;

    @Autowired
    MockMvc mvc;

    @Autowired
    ArticleDesk desk;

    @Autowired
    StaffAccounts staff;

    @Autowired
    Sections sections;

    static Stream<String> payloads() {
        return XssCorpus.payloads().stream();
    }

    @Test
    void corpusHoldsAtLeastThirtyPayloads() {
        assertThat(XssCorpus.payloads()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void payloadDoesNotSurviveMarkdownRendering(String payload) {
        String html = markdown.toSafeHtml(payload);

        assertThat(XssCorpus.dangers(Jsoup.parseBodyFragment(html).body(), Set.of()))
                .as(html)
                .isEmpty();
    }

    @Test
    void ordinaryMarkdownKeepsItsFormatting() {
        String html = markdown.toSafeHtml("""
                ## Heading

                A *quote* with a [link](https://example.org/a) and **bold**.

                > "Said someone."

                - one
                - two
                """);

        var body = Jsoup.parseBodyFragment(html).body();
        assertThat(body.select("h2").text()).isEqualTo("Heading");
        assertThat(body.select("a[href=https://example.org/a]").attr("rel")).contains("noopener", "noreferrer");
        assertThat(body.select("blockquote")).hasSize(1);
        assertThat(body.select("li")).hasSize(2);
        assertThat(body.select("em, strong")).hasSize(2);
    }

    @Test
    void rawHtmlInMarkdownIsShownAsText() {
        String html = markdown.toSafeHtml("Before <b onclick=x()>bold</b> after");

        assertThat(Jsoup.parseBodyFragment(html).body().text()).isEqualTo("Before <b onclick=x()>bold</b> after");
    }

    @Test
    void imagesFromOtherSitesAreDropped() {
        String html = markdown.toSafeHtml("![tracker](https://tracker.example/pixel.gif) ![ours](/media/abc/640.jpg)");

        var images = Jsoup.parseBodyFragment(html).body().select("img");
        assertThat(images).extracting(img -> img.attr("src")).containsExactly("/media/abc/640.jpg");
    }

    @Test
    void noPayloadSurvivesAnywhereOnThePublishedPage() throws Exception {
        var editor = staff.create(
                "xss-" + UUID.randomUUID() + "@example.org",
                "<script>alert(1)</script>",
                Role.EDITOR,
                "correct horse battery",
                false);
        List<String> corpus = XssCorpus.payloads();
        String slug = "xss-" + UUID.randomUUID().toString().substring(0, 8);
        String sample = corpus.get(corpus.size() / 2).replace("\n", " ");
        var content = new ArticleContent(
                Language.EN,
                slug,
                "<img src=x onerror=alert(1)> " + sample.substring(0, Math.min(200, sample.length())),
                "<svg onload=alert(1)>",
                String.join("\n\n", corpus),
                sections.findBySlug("news").orElseThrow().id(),
                List.of("<script>alert('byline')</script>"),
                List.of("<b onmouseover=alert(1)>tag</b>"),
                LeadMedia.video(
                        "https://www.youtube.com/watch?v=javascript:alert(1)",
                        "<iframe src=javascript:alert(1)>",
                        "Video: <a href=javascript:alert(1)>@x</a>"));
        var saved = desk.create(content, editor);
        assertThat(saved.problems()).isEmpty();
        desk.publish(saved.articleId(), editor);

        String page = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/en/" + slug))
                .andReturn()
                .getResponse()
                .getContentAsString();

        var document = Jsoup.parse(page);
        assertThat(document.select("h1").text()).startsWith("<img src=x onerror=alert(1)>");
        // the forms of ours on the page (the newsletter signup, the appeal's contribution form and its
        // reminder) and the buttons that hide the banner and the appeal are set aside; any other is injected
        var ours = document.select(
                ".newsletter-slot > form[action=/newsletter], .appeal-slot > form.give[action=/support], "
                        + ".appeal-slot > details.remind-later:has(> form.remind-form[action=/support/remind]), "
                        + "[data-quiet] > button.quiet-dismiss[type=button]");
        assertThat(ours).hasSize(5);
        ours.remove();
        assertThat(XssCorpus.dangers(document.body(), OUR_SCRIPTS)).isEmpty();
        assertThat(document.head().select("script:not([type=application/ld+json])"))
                .allMatch(script -> OUR_SCRIPTS.contains(script.attr("src")));
        // the JSON-LD block stays one data element: a "</script>" in a headline cannot end it early
        var jsonLd = document.head().select("script[type=application/ld+json]");
        assertThat(jsonLd).hasSize(1);
        assertThat(tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readTree(jsonLd.first().data())
                        .get("headline")
                        .asString())
                .startsWith("<img src=x onerror=alert(1)>");
        assertThat(document.head().select("link[rel=stylesheet]"))
                .allMatch(link -> link.attr("href").startsWith("/assets/"));
        assertThat(document.head().select("meta[http-equiv], base, style")).isEmpty();
    }
}
