package press.tamizdat.imports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestPictures;

/**
 * A Ghost export (the JSON file Ghost writes, its own address as {@code __GHOST_URL__}) imported:
 * the primary tag as the section, the other public tags, both authors, the feature image and the
 * body's pictures through the media library, drafts and members-only posts kept from the public,
 * old addresses redirected; a second import with a changed title updates that article only.
 */
@SpringBootTest(properties = "tamizdat.site.url=https://news.example")
@AutoConfigureMockMvc
class GhostImportTests {

    static final WireMockServer oldSite = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        oldSite.start();
        oldSite.stubFor(get(urlPathMatching("/content/images/2022/05/.*\\.jpg"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(TestPictures.phoneJpeg())));
    }

    @AfterAll
    static void stop() {
        oldSite.stop();
    }

    @Autowired
    Importer importer;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JdbcClient db;

    @Autowired
    MockMvc mvc;

    static String export(String title) {
        return """
                {"db": [{"meta": {"exported_on": 1700000000000, "version": "5.75.0"}, "data": {
                  "posts": [
                    {"id": "g1", "uuid": "u1", "title": "%s", "slug": "ghost-story",
                     "html": "<p>Opening line.</p><figure class=\\"kg-card kg-image-card\\"><img src=\\"__GHOST_URL__/content/images/2022/05/inline.jpg\\" alt=\\"Square\\"><figcaption>Inline <b>caption</b></figcaption></figure><p>Closing line.</p><script>track()</script>",
                     "feature_image": "__GHOST_URL__/content/images/2022/05/lead.jpg", "type": "post", "status": "published",
                     "visibility": "public", "custom_excerpt": "A standfirst\\u0000 from Ghost",
                     "published_at": "2022-05-03T10:00:00.000Z", "updated_at": "2022-05-04T12:00:00.000Z"},
                    {"id": "g2", "uuid": "u2", "title": "Ghost draft", "slug": "ghost-draft", "html": "<p>Later.</p>",
                     "type": "post", "status": "draft", "visibility": "public", "published_at": null, "updated_at": "2022-05-05T10:00:00.000Z"},
                    {"id": "g3", "uuid": "u3", "title": "For members", "slug": "for-members", "html": "<p>Paid words.</p>",
                     "type": "post", "status": "published", "visibility": "members", "published_at": "2022-05-06T10:00:00.000Z"},
                    {"id": "g4", "uuid": "u4", "title": "Our team", "slug": "team", "html": "<p>Who we are.</p>",
                     "type": "page", "status": "published", "visibility": "public", "published_at": "2022-01-01T10:00:00.000Z"}
                  ],
                  "posts_meta": [{"post_id": "g1", "feature_image_alt": "A square in the rain", "feature_image_caption": "<span>Rain on the square</span>"}],
                  "tags": [
                    {"id": "t1", "name": "Analysis", "slug": "analysis"},
                    {"id": "t2", "name": "Elections", "slug": "elections"},
                    {"id": "t3", "name": "#featured", "slug": "hash-featured"}
                  ],
                  "posts_tags": [
                    {"post_id": "g1", "tag_id": "t3", "sort_order": 0},
                    {"post_id": "g1", "tag_id": "t1", "sort_order": 1},
                    {"post_id": "g1", "tag_id": "t2", "sort_order": 2}
                  ],
                  "users": [{"id": "1", "name": "Lena Orlova", "slug": "lena"}, {"id": "2", "name": "Pavel Sorokin", "slug": "pavel"}],
                  "posts_authors": [
                    {"post_id": "g1", "author_id": "2", "sort_order": 1},
                    {"post_id": "g1", "author_id": "1", "sort_order": 0}
                  ]
                }}]}
                """.formatted(title);
    }

    long run(String json) throws Exception {
        Path file = folder.resolve(UUID.randomUUID() + ".json");
        Files.writeString(file, json);
        var admin = staff.create(
                "importer-" + UUID.randomUUID() + "@example.org",
                "Importer",
                Role.ADMIN,
                "correct horse battery",
                false);
        return importer.runNow(
                new Importer.Options(
                        Importer.Source.GHOST, file, "ghost.json", null, oldSite.baseUrl(), Language.EN, "news"),
                admin);
    }

    MockHttpServletResponse read(String path) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path))
                .andReturn()
                .getResponse();
    }

    @Test
    void aGhostExportBecomesArticlesWithTheirPicturesSectionsAndAuthors() throws Exception {
        long run = run(export("A story from Ghost"));

        var article = Jsoup.parse(read("/en/ghost-story").getContentAsString());
        assertThat(article.select("h1").text()).isEqualTo("A story from Ghost");
        assertThat(article.text())
                .contains(
                        "A standfirst from Ghost",
                        "Opening line.",
                        "Inline caption",
                        "Closing line.",
                        "Lena Orlova",
                        "Pavel Sorokin")
                .doesNotContain("track()", "#featured");
        assertThat(article.text().indexOf("Lena Orlova"))
                .isLessThan(article.text().indexOf("Pavel Sorokin"));
        assertThat(article.select("img[alt=A square in the rain]").attr("src")).startsWith("/media/");
        assertThat(article.select("img[alt=Square]").attr("src")).startsWith("/media/");
        assertThat(article.text()).contains("Rain on the square");
        assertThat(db.sql(
                                "SELECT s.slug FROM article a JOIN section s ON s.id = a.section_id WHERE a.slug = 'ghost-story'")
                        .query(String.class)
                        .single())
                .isEqualTo("analysis");
        assertThat(db.sql(
                                "SELECT name FROM article_tag t JOIN article a ON a.id = t.article_id WHERE a.slug = 'ghost-story'")
                        .query(String.class)
                        .list())
                .containsExactly("Elections");
        var moved = read("/ghost-story/");
        assertThat(moved.getStatus()).isIn(301);
        assertThat(moved.getHeader("Location")).isIn("/en/ghost-story", "/ghost-story");
        assertThat(read("/ghost-story").getHeader("Location")).isEqualTo("/en/ghost-story");
        assertThat(db.sql(
                                "SELECT status FROM article WHERE slug IN ('ghost-draft', 'for-members', 'team') ORDER BY slug")
                        .query(String.class)
                        .list())
                .containsExactly("DRAFT", "DRAFT", "DRAFT");
        assertThat(db.sql("SELECT note FROM import_note WHERE run_id = :run")
                        .param("run", run)
                        .query(String.class)
                        .list())
                .anySatisfy(note -> assertThat(note).contains("published (members)"));
    }

    @Test
    void aSecondImportUpdatesWhatChangedAndLeavesTheRest() throws Exception {
        run(export("First title"));
        int articles =
                db.sql("SELECT COUNT(*) FROM article").query(Integer.class).single();

        long second = run(export("Second title"));

        var counts = db.sql("SELECT created, updated, unchanged FROM import_run WHERE id = :id")
                .param("id", second)
                .query((rs, n) -> new int[] {rs.getInt("created"), rs.getInt("updated"), rs.getInt("unchanged")})
                .single();
        assertThat(counts).containsExactly(0, 1, 3);
        assertThat(db.sql("SELECT COUNT(*) FROM article").query(Integer.class).single())
                .isEqualTo(articles);
        assertThat(Jsoup.parse(read("/en/ghost-story").getContentAsString())
                        .select("h1")
                        .text())
                .isEqualTo("Second title");
    }
}
