package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Content API as an app meets it: every answer checked against the OpenAPI document the API
 * serves, filters, paging, refusals, caching and cross-origin reads.
 */
@SpringBootTest(properties = {"tamizdat.site.url=https://news.example", "tamizdat.demo=true"})
@AutoConfigureMockMvc
class ContentApiTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    TestArticles articles;
    OpenApiInteractionValidator validator;

    @BeforeEach
    void setUp() throws Exception {
        articles = new TestArticles(context);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(
                        answer("/api/v1/openapi.json").getContentAsString())
                .build();
    }

    MockHttpServletResponse answer(String path) throws Exception {
        return mvc.perform(get(path)).andReturn().getResponse();
    }

    /** Reads an answer and checks it against the OpenAPI document, as an app generated from it would expect. */
    JsonNode conforming(String path, int status) throws Exception {
        var response = answer(path);
        assertThat(response.getStatus()).as(path).isEqualTo(status);
        String body = response.getContentAsString();
        var report = validator.validateResponse(
                path.replaceFirst("\\?.*", ""),
                Request.Method.GET,
                SimpleResponse.Builder.status(status)
                        .withContentType(response.getContentType())
                        .withBody(body)
                        .build());
        assertThat(report.getMessages()).as(path + " against openapi.json").isEmpty();
        return JSON.readTree(body);
    }

    static List<JsonNode> items(JsonNode list, String field) {
        return StreamSupport.stream(list.path(field).spliterator(), false).toList();
    }

    static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theOpenApiDocumentIsValidOpenApi() throws Exception {
        var parsed = new OpenAPIV3Parser()
                .readContents(answer("/api/v1/openapi.json").getContentAsString());

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths())
                .containsKeys("/articles", "/articles/{language}/{slug}", "/sections", "/tags", "/authors");
    }

    @Test
    void everyEndpointAnswersAsTheDocumentDescribes() throws Exception {
        long id = articles.publish(Language.EN, "Conforming " + marker(), "Body.", List.of("Elections"));

        conforming("/api/v1/articles", 200);
        conforming("/api/v1/articles?page=2", 200);
        conforming("/api/v1/articles?section=news&language=en&tag=elections", 200);
        conforming("/api/v1/sections", 200);
        conforming("/api/v1/tags", 200);
        conforming("/api/v1/authors", 200);
        conforming("/api/v1" + "/articles" + articles.path(id), 200);
        conforming("/api/v1/articles/en/no-such-article", 404);
        conforming("/api/v1/articles?page=zero", 400);
    }

    @Test
    void theArticleListIsNewestFirstAndPagesOnWithLinks() throws Exception {
        String marker = marker();
        for (int i = 0; i < 3; i++) {
            articles.publish(Language.EN, "Paged " + i + " " + marker, "Body.", List.of("paged-" + marker));
        }
        articles.publish(Language.EN, "Newest " + marker, "Body.", List.of());

        var first = conforming("/api/v1/articles", 200);
        var second = conforming(first.path("next").asString(), 200);

        assertThat(items(first, "articles")).hasSize(ContentApi.PAGE_SIZE);
        assertThat(items(first, "articles").getFirst().path("headline").asString())
                .isEqualTo("Newest " + marker);
        assertThat(first.path("previous").isNull()).isTrue();
        assertThat(first.path("next").asString()).isEqualTo("/api/v1/articles?page=2");
        assertThat(second.path("page").asInt()).isEqualTo(2);
        assertThat(second.path("previous").asString()).isEqualTo("/api/v1/articles?page=1");
        var published = items(first, "articles").stream()
                .map(article -> Instant.parse(article.path("published_at").asString()))
                .toList();
        assertThat(published).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void filtersBySectionTagAuthorLanguageAndTimeCombine() throws Exception {
        String marker = marker();
        String tag = "filter-" + marker;
        articles.publish(Language.EN, "Culture EN " + marker, "Body.", List.of(tag), "culture");
        articles.publish(Language.RU, "Культура " + marker, "Текст.", List.of(tag), "culture");
        articles.publish(Language.EN, "News EN " + marker, "Body.", List.of(tag), "news");

        var tagged = conforming("/api/v1/articles?tag=" + tag, 200);
        var culture = conforming("/api/v1/articles?tag=" + tag + "&section=culture", 200);
        var russian = conforming("/api/v1/articles?tag=" + tag + "&section=culture&language=ru", 200);
        var future = conforming("/api/v1/articles?tag=" + tag + "&updated_since=2999-01-01T00:00:00Z", 200);
        var byAuthor = conforming("/api/v1/articles?tag=" + tag + "&author=test-editor", 200);

        assertThat(tagged.path("total").asLong()).isEqualTo(3);
        assertThat(items(culture, "articles"))
                .extracting(article -> article.path("headline").asString())
                .containsExactlyInAnyOrder("Culture EN " + marker, "Культура " + marker);
        assertThat(items(russian, "articles"))
                .extracting(article -> article.path("headline").asString())
                .containsExactly("Культура " + marker);
        assertThat(future.path("total").asLong()).isZero();
        assertThat(byAuthor.path("total").asLong()).isEqualTo(3);
        assertThat(conforming("/api/v1/articles?tag=no-such-tag-" + marker, 200)
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    void anArticleCarriesSanitizedHtmlPlainTextAndItsAddresses() throws Exception {
        String marker = marker();
        long id = articles.publish(
                Language.EN,
                "Full " + marker,
                "A **bold** claim, a [link](/about).\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>",
                List.of("Press freedom"));

        var article = conforming("/api/v1/articles" + articles.path(id), 200);

        assertThat(article.path("id").asLong()).isEqualTo(id);
        assertThat(article.path("url").asString()).isEqualTo("https://news.example" + articles.path(id));
        assertThat(article.path("path").asString()).isEqualTo(articles.path(id));
        assertThat(article.path("api_path").asString()).isEqualTo("/api/v1/articles" + articles.path(id));
        var body = org.jsoup.Jsoup.parseBodyFragment(article.path("body_html").asString());
        assertThat(article.path("body_html").asString())
                .contains("<strong>bold</strong>", "href=\"https://news.example/about\"");
        // what the author typed as markup is text, never an element or a handler
        assertThat(body.select("script, img, [onerror]")).isEmpty();
        assertThat(body.text()).contains("<script>alert(1)</script>");
        assertThat(article.path("body_text").asString())
                .startsWith("A bold claim, a \"link\" (/about).")
                .doesNotContain("**");
        assertThat(article.path("tags").path(0).path("slug").asString()).isEqualTo("press-freedom");
        assertThat(article.path("tags").path(0).path("path").asString()).isEqualTo("/tag/press-freedom");
        assertThat(article.path("authors").path(0).path("name").asString()).isEqualTo("Test Editor");
        assertThat(article.path("section").path("slug").asString()).isEqualTo("news");
    }

    @Test
    void aLeadPhotoComesWithItsSizesAltTextAndCredit() throws Exception {
        var withPhoto = items(conforming("/api/v1/articles?language=en", 200), "articles").stream()
                .filter(article -> article.path("lead").path("kind").asString().equals("photo"))
                .findFirst()
                .orElseThrow();

        var lead = withPhoto.path("lead");
        assertThat(lead.path("src").asString()).startsWith("https://news.example/media/");
        assertThat(lead.path("srcset").asString()).contains("https://news.example/media/", "w");
        assertThat(lead.path("width").asInt()).isPositive();
        assertThat(lead.path("alt").asString()).isNotBlank();
        assertThat(lead.path("credit").isString()).isTrue();
    }

    @Test
    void sectionsTagsAndAuthorsListWhatIsPublished() throws Exception {
        String marker = marker();
        articles.publish(Language.EN, "Listed " + marker, "Body.", List.of("Tag " + marker, "tag-" + marker));

        var sections = conforming("/api/v1/sections", 200);
        var tags = conforming("/api/v1/tags", 200);
        var authors = conforming("/api/v1/authors", 200);

        assertThat(items(sections, "sections")).anySatisfy(section -> {
            assertThat(section.path("slug").asString()).isEqualTo("news");
            assertThat(section.path("names").path("ru").asString()).isNotBlank();
            assertThat(section.path("articles_api_path").asString()).isEqualTo("/api/v1/articles?section=news");
        });
        // two spellings with one slug are one tag, with one page
        assertThat(items(tags, "tags").stream()
                        .filter(tag -> tag.path("slug").asString().equals("tag-" + marker))
                        .toList())
                .singleElement()
                .satisfies(tag -> assertThat(tag.path("path").asString()).isEqualTo("/tag/tag-" + marker));
        assertThat(items(authors, "authors"))
                .anySatisfy(author -> assertThat(author.path("name").asString()).isEqualTo("Test Editor"));
    }

    @Test
    void aRenamedArticleRedirectsAndATakenDownOneIsGone() throws Exception {
        long renamed = articles.publish(Language.EN, "Renamed " + marker(), "Body.", List.of());
        String old = articles.path(renamed);
        articles.rename(renamed, "renamed-now-" + marker());
        long gone = articles.publish(Language.EN, "Gone " + marker(), "Body.", List.of());
        articles.unpublish(gone);

        var moved = answer("/api/v1/articles" + old);
        var problem = conforming("/api/v1/articles" + articles.path(gone), 410);

        assertThat(moved.getStatus()).isEqualTo(301);
        assertThat(moved.getHeader("Location")).isEqualTo("/api/v1/articles" + articles.path(renamed));
        assertThat(problem.path("detail").asString()).isEqualTo("This article was taken down.");
    }

    @Test
    void badParametersAreRefusedWithWhatWasWrong() throws Exception {
        for (var refused : List.of(
                List.of("page=0", "page must be a whole number from 1 to 10000"),
                List.of("page=%F0%9F%92%A5", "page must be a whole number"),
                List.of("page=99999999999999999999", "page must be a whole number"),
                List.of("language=de", "language must be “en” or “ru”."),
                List.of("updated_since=yesterday", "updated_since must be a date and time"),
                List.of("section=..%2Fnewsroom", "section must be a slug"),
                List.of("tag=%3Cscript%3E", "tag must be a slug"))) {
            var response = answer("/api/v1/articles?" + refused.get(0));

            assertThat(response.getStatus()).as(refused.get(0)).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.getContentAsString())
                            .path("detail")
                            .asString())
                    .as(refused.get(0))
                    .startsWith(refused.get(1));
            assertThat(response.getContentAsString()).doesNotContain("Exception", "at press.");
        }
    }

    @Test
    void answersAreCachedWithEntityTagsLikePages() throws Exception {
        var first = answer("/api/v1/articles");

        var again = mvc.perform(get("/api/v1/articles").header("If-None-Match", first.getHeader("ETag")))
                .andExpect(status().isNotModified())
                .andReturn()
                .getResponse();

        assertThat(first.getHeader("ETag")).isNotBlank();
        assertThat(first.getHeader("Cache-Control")).contains("s-maxage");
        assertThat(first.getHeader("Surrogate-Key")).contains("api");
        assertThat(again.getHeader("ETag")).isEqualTo(first.getHeader("ETag"));
    }

    @Test
    void anAppOnAnotherOriginMayReadEveryAnswerAndItsEntityTag() throws Exception {
        // the first read fills the cache with no Origin named; the app's read comes from the cache
        answer("/api/v1/sections");
        var cached = mvc.perform(get("/api/v1/sections").header("Origin", "https://app.example"))
                .andReturn()
                .getResponse();
        var preflight = mvc.perform(options("/api/v1/articles")
                        .header("Origin", "https://app.example")
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "if-none-match"))
                .andReturn()
                .getResponse();
        var refusal = mvc.perform(get("/api/v1/articles?page=0").header("Origin", "https://app.example"))
                .andReturn()
                .getResponse();

        assertThat(cached.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(cached.getHeader("Access-Control-Expose-Headers")).contains("ETag");
        assertThat(preflight.getStatus()).isEqualTo(200);
        assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("GET");
        assertThat(refusal.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
    }
}
