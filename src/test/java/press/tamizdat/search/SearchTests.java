package press.tamizdat.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.util.FileSystemUtils;
import press.tamizdat.TamizdatApplication;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.TestArticles;

/**
 * Search over articles published through the newsroom's desk, kept current by the publishing
 * events. The index lives as long as the test context, so every test searches for words of its own.
 */
@SpringBootTest
class SearchTests {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    Search search;

    @Autowired
    ApplicationContext context;

    TestArticles articles;

    @BeforeEach
    void articles() {
        articles = new TestArticles(context);
    }

    /** A word no other test and no real article contains. */
    static String uniqueWord() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static List<Long> ids(SearchResults results) {
        return results.hits().stream().map(Hit::articleId).toList();
    }

    List<Long> found(String query) {
        return ids(search.search(query, 1));
    }

    Hit awaitHit(String query, long id) {
        return await().atMost(TIMEOUT)
                .until(
                        () -> search.search(query, 1).hits().stream()
                                .filter(hit -> hit.articleId() == id)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void findsRussianWordFormsFromOneStem() {
        String word = uniqueWord();
        long genitive = articles.publish(
                Language.RU, "Репортаж из столицы", "Во время парада на площади " + word + " было тихо.", List.of());
        long instrumental = articles.publish(
                Language.RU, "Заметки очевидца", "Город весь день любовался парадом " + word + ".", List.of());

        await().atMost(TIMEOUT).until(() -> found("парад " + word).containsAll(List.of(genitive, instrumental)));
    }

    @Test
    void findsEnglishWordFormsFromOneStem() {
        String word = uniqueWord();
        long singular =
                articles.publish(Language.EN, "A ruling", "The court heard the case of " + word + ".", List.of());
        long plural = articles.publish(
                Language.EN, "Verdicts", "Several courts discussed " + word + " this week.", List.of());

        await().atMost(TIMEOUT).until(() -> found("courts " + word).containsAll(List.of(singular, plural)));
        assertThat(found("court " + word)).containsExactlyInAnyOrder(singular, plural);
    }

    @Test
    void highlightsMatchesInTheSnippetAndEscapesEverythingElse() {
        String word = uniqueWord();
        long id = articles.publish(
                Language.EN,
                "Page scripts",
                "Readers saw <script>alert(1)</script> & more next to " + word + " on the page.",
                List.of());

        Hit hit = awaitHit(word, id);

        assertThat(hit.snippetHtml())
                .contains("<mark>" + word + "</mark>")
                .contains("&lt;script&gt;")
                .contains("&amp; more")
                .doesNotContain("<script>");
    }

    @Test
    void marksEveryFormOfTheWordInTheSnippet() {
        String word = uniqueWord();
        long id = articles.publish(
                Language.RU, "Хроника дня", "До парада " + word + " и после него город жил парадом.", List.of());

        Hit hit = awaitHit("парад " + word, id);

        assertThat(hit.snippetHtml()).contains("<mark>парада</mark>", "<mark>парадом</mark>");
    }

    @Test
    void announcesAChangeToTheIndexOnceTheArticleCanBeFound() {
        String word = uniqueWord();
        var findableWhenAnnounced = new CopyOnWriteArrayList<Boolean>();
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> published
                    && published.getPayload() instanceof SearchIndexChanged) {
                findableWhenAnnounced.add(!found(word).isEmpty());
            }
        };
        var events = (ConfigurableApplicationContext) context;
        events.addApplicationListener(listener);
        try {
            articles.publish(Language.EN, "Announced story", "A story about " + word + ".", List.of());

            await().atMost(TIMEOUT).until(() -> findableWhenAnnounced.contains(true));
        } finally {
            events.removeApplicationListener(listener);
        }
    }

    @Test
    void unpublishedArticleDisappearsFromResults() {
        String word = uniqueWord();
        long id = articles.publish(Language.EN, "Withdrawn story", "A story about " + word + ".", List.of());
        awaitHit(word, id);

        articles.unpublish(id);

        await().atMost(TIMEOUT).until(() -> !found(word).contains(id));
    }

    @Test
    void revisedArticleIsFoundByItsNewWords() {
        String before = uniqueWord();
        String after = uniqueWord();
        long id = articles.publish(Language.EN, "Developing story", "Early reports mention " + before + ".", List.of());
        awaitHit(before, id);

        articles.revise(id, "Later reports mention " + after + ".");

        awaitHit(after, id);
        assertThat(found(before)).doesNotContain(id);
    }

    @Test
    void pagesThroughManyResults() {
        String word = uniqueWord();
        var published = new ArrayList<Long>();
        for (int i = 1; i <= 12; i++) {
            published.add(articles.publish(
                    Language.EN, "Dispatch " + i, "Dispatch number " + i + " about " + word + ".", List.of()));
        }
        await().atMost(TIMEOUT).until(() -> search.search(word, 1).totalHits() == 12);

        SearchResults first = search.search(word, 1);
        SearchResults second = search.search(word, 2);

        assertThat(first.hits()).hasSize(10);
        assertThat(second.hits()).hasSize(2);
        assertThat(first.totalPages()).isEqualTo(2);
        assertThat(second.page()).isEqualTo(2);
        assertThat(Stream.concat(ids(first).stream(), ids(second).stream()))
                .containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void naturalQueryWithStopWordsStillFindsTheArticle() {
        String word = uniqueWord();
        long id = articles.publish(Language.EN, "Stop words", "The court heard " + word + " on Monday.", List.of());
        awaitHit(word, id);

        assertThat(found("the courts and " + word)).containsExactly(id);
        assertThat(found("и " + word)).containsExactly(id);
    }

    @Test
    void malformedQueryIsReadAsPlainWords() {
        String word = uniqueWord();
        long id = articles.publish(Language.EN, "Plain words", "Nothing but " + word + " here.", List.of());
        awaitHit(word, id);

        assertThat(found("\"" + word)).containsExactly(id);
        assertThat(found(word + " AND OR (")).containsExactly(id);
    }

    @Test
    void queryOfSyntaxAloneGivesNoErrorAndNoResults() {
        for (String query : List.of("AND OR (", "\"", "(((", ":", "\\", "/[/", "[ TO")) {
            assertThat(search.search(query, 1).hits()).as(query).isEmpty();
        }
    }

    @Test
    void blankQueryGivesNoResults() {
        assertThat(search.search("", 1)).isEqualTo(SearchResults.empty(""));
        assertThat(search.search("   ", 1).totalHits()).isZero();
    }

    @Test
    void rebuildsTheIndexWhenItIsMissing() throws IOException {
        String database = "rebuild-" + UUID.randomUUID();
        String word = uniqueWord();
        long id;
        Path index;
        try (var app = start(database)) {
            long published = new TestArticles(app)
                    .publish(Language.EN, "Archive", "An archived story about " + word + ".", List.of());
            Search before = app.getBean(Search.class);
            await().atMost(TIMEOUT).until(() -> ids(before.search(word, 1)).contains(published));
            id = published;
            index = app.getBean(TamizdatSettings.class).dataDir().resolve("index");
        }
        FileSystemUtils.deleteRecursively(index);

        try (var app = start(database)) {
            assertThat(ids(app.getBean(Search.class).search(word, 1))).containsExactly(id);
        }
    }

    /** The whole application on a database of its own, which a second start with the same name finds again. */
    static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(TamizdatApplication.class)
                .properties("server.port=0", "tamizdat.test.database-name=" + database)
                .run();
    }
}
