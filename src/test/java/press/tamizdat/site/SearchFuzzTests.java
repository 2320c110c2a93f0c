package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;
import press.tamizdat.search.Search;

/**
 * Whatever a reader types into search gives a results page: thousands of generated queries made of
 * Lucene's syntax, words the index holds (so the highlighter runs), unbalanced quotes and brackets,
 * huge and empty ones. The seed is fixed, so a failure can be replayed.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SearchFuzzTests {

    static final List<String> SYNTAX = List.of(
            "~",
            "~2",
            "~0.5",
            "^",
            "^3",
            "*",
            "?",
            "\"",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ":",
            "+",
            "-",
            "&&",
            "||",
            "!",
            "/",
            "\\",
            "AND",
            "OR",
            "NOT",
            "TO",
            "a~2",
            "*a",
            "a*",
            "?b",
            "/[a-z/",
            "/.*/",
            "[a TO z]",
            "{a TO}",
            "headline_en:",
            "en:",
            "\"a b\"~3",
            "\u0000",
            "%",
            "'",
            ";--",
            "<script>",
            "\uD83D\uDE00",
            "\uD800");

    static final List<String> WORDS =
            List.of("a", "alpha", "bravo", "parade", "парад", "улица", "the", "of", "news", "x", "1", "2026", "é", "ё");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    Search search;

    List<String> queries() {
        var random = new Random(16L);
        var queries = new ArrayList<String>(List.of(
                "",
                " ",
                "a~2",
                "\"",
                "((((",
                "*",
                "?",
                "~",
                "a".repeat(100_000),
                "alpha ".repeat(2_000),
                "a* ".repeat(2_000),
                "\"".repeat(999)));
        while (queries.size() < 3_000) {
            var query = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int i = 0; i < parts; i++) {
                var from = random.nextBoolean() ? SYNTAX : WORDS;
                query.append(from.get(random.nextInt(from.size())));
                if (random.nextInt(3) == 0) {
                    query.append(' ');
                }
            }
            queries.add(query.toString());
        }
        return queries;
    }

    @Test
    void everyQueryGivesAResultsPageAndLogsNoStackTrace(CapturedOutput output) throws Exception {
        var articles = new TestArticles(context);
        articles.publish(
                Language.EN, "Alpha bravo parade", "A parade of alpha and bravo news, a to z, 2026.", List.of());
        articles.publish(Language.RU, "Парад на улице", "Парад прошёл по улице, alpha ё.", List.of());
        // the index follows publishing by event: wait until the highlighter has hits to mark
        await().atMost(Duration.ofSeconds(10))
                .until(() -> search.search("bravo", 1).totalHits() > 0
                        && search.search("улице", 1).totalHits() > 0);

        for (String query : queries()) {
            var response =
                    mvc.perform(get("/search").param("q", query)).andReturn().getResponse();

            assertThat(response.getStatus()).as("q=%s", query).isEqualTo(200);
            assertThat(Jsoup.parse(response.getContentAsString()).select("main h1"))
                    .as("q=%s", query)
                    .isNotEmpty();
        }
        assertThat(output.getAll()).doesNotContain("\tat org.apache.lucene");
    }

    @Test
    void aFuzzyOneLetterWordFindsWithoutFailing() {
        var articles = new TestArticles(context);
        articles.publish(Language.EN, "A fuzzy story", "Ax bx cx fuzzystory.", List.of());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> search.search("fuzzystory", 1).totalHits() > 0);

        var results = search.search("a~2 fuzzystory", 1);

        assertThat(results.hits()).extracting(hit -> hit.headline()).contains("A fuzzy story");
    }
}
