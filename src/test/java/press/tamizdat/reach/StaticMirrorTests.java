package press.tamizdat.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.sun.net.httpserver.SimpleFileServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import tools.jackson.databind.json.JsonMapper;

/**
 * The static mirror of the demo site, served from another origin (the JDK's file server on another
 * port) and crawled like a reader would: every link and asset resolves inside the copy, and no page
 * points back to the application it was made from. Publishing updates it within seconds.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=tamizdat-mirror",
            "tamizdat.demo=true",
            "tamizdat.reach.mirror.enabled=true",
            "tamizdat.reach.mirror.debounce=1s",
            "tamizdat.site.url=https://tamizdat.example"
        })
@AutoConfigureMockMvc
class StaticMirrorTests {

    @LocalServerPort
    int port;

    @Autowired
    StaticMirror mirror;

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCopyServedFromAnotherOriginResolvesEveryLinkInsideItselfAndNeverPointsBack() throws Exception {
        mirror.exportAll();
        var server = SimpleFileServer.createFileServer(
                new InetSocketAddress("127.0.0.1", 0),
                mirror.folder().toAbsolutePath(),
                SimpleFileServer.OutputLevel.NONE);
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            var queue = new ArrayDeque<String>();
            var seen = new HashSet<String>();
            queue.add(base + "index.html");
            seen.add(base + "index.html");
            int pages = 0;
            int articles = 0;
            while (!queue.isEmpty()) {
                String url = queue.poll();
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(url).isEqualTo(200);
                if (!url.endsWith(".html")) {
                    continue;
                }
                pages++;
                if (url.matches(".*/(en|ru)/[a-z0-9-]+/index\\.html")) {
                    articles++;
                }
                String html = response.body();
                assertThat(html)
                        .as(url + " points back to the application it was copied from")
                        .doesNotContain("127.0.0.1:" + port)
                        .doesNotContain("localhost:" + port);
                var page = Jsoup.parse(html, url);
                page.select("[href], [src], [srcset]").forEach(element -> {
                    var links = new java.util.ArrayList<String>();
                    if (element.hasAttr("href")) {
                        links.add(element.attr("href"));
                    }
                    if (element.hasAttr("src")) {
                        links.add(element.attr("src"));
                    }
                    for (String candidate : element.attr("srcset").split(",")) {
                        if (!candidate.isBlank()) {
                            links.add(candidate.strip().split("\\s+")[0]);
                        }
                    }
                    for (String link : links) {
                        if (link.startsWith("https://tamizdat.example")
                                || link.matches("^[a-z]+:.*")
                                || link.startsWith("#")) {
                            continue;
                        }
                        assertThat(link).as("a relative link in " + url).doesNotStartWith("/");
                        String target = URI.create(url)
                                .resolve(link.replaceAll("#.*$", ""))
                                .toString();
                        if (seen.add(target)) {
                            queue.add(target);
                        }
                    }
                });
            }
            assertThat(pages).isGreaterThan(30);
            assertThat(articles).isGreaterThanOrEqualTo(12);
            // no page links to the stills newsletters show for clips; a newsletter sending readers here does
            for (String network : List.of("telegram", "vk", "vimeo", "youtube")) {
                var still = http.send(
                        HttpRequest.newBuilder(URI.create(base
                                        + press.tamizdat.web.PublicPaths.embedStill(network)
                                                .substring(1)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(still.statusCode()).as(network).isEqualTo(200);
                assertThat(still.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theManifestListsEveryFileWithItsChecksumAndAnUnchangedSiteWritesNothing() throws Exception {
        mirror.exportAll();

        var again = mirror.exportAll();

        assertThat(again.written()).isZero();
        var manifest = JsonMapper.builder()
                .build()
                .readTree(mirror.folder().resolve("manifest.json").toFile());
        var files = manifest.get("files");
        assertThat(files.size()).isGreaterThan(30);
        files.properties().forEach(file -> {
            var path = mirror.folder().resolve(file.getKey());
            assertThat(path).exists();
            try {
                assertThat(MirrorManifest.sha256(Files.readAllBytes(path)))
                        .as(file.getKey())
                        .isEqualTo(file.getValue().get("sha256").asString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aLinkThatCannotBeCopiedIsLeftOutAndShownToTheNewsroomWhileTheRestIsWritten() throws Exception {
        String email = "mirror-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Mirror Admin", Role.ADMIN, "correct horse battery", false);
        var admin = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        String headline = "Awkward links " + UUID.randomUUID().toString().substring(0, 8);
        long section = db.sql("SELECT id FROM section WHERE slug = 'news'")
                .query(Long.class)
                .single();
        mvc.perform(post("/newsroom/articles")
                .session(admin)
                .with(csrf())
                .param("language", "en")
                .param("headline", headline)
                .param("body", "See [older news](/rss.xml?page=2) and [a typo](/en/bad%zzlink).")
                .param("bylines", "A Reporter")
                .param("sectionId", Long.toString(section))
                .param("action", "publish"));
        String slug = db.sql("SELECT slug FROM article WHERE headline = ?")
                .param(headline)
                .query(String.class)
                .single();

        var result = mirror.exportAll();

        assertThat(mirror.folder().resolve("rss.xml")).isRegularFile();
        assertThat(mirror.folder().resolve("en/" + slug + "/index.html")).isRegularFile();
        assertThat(result.skipped())
                .extracting(MirrorSkips.Skip::path, MirrorSkips.Skip::reason, MirrorSkips.Skip::linkedFrom)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "/en/bad%zzlink", MirrorSkips.Reason.UNREADABLE, "/en/" + slug));
        String desk = mvc.perform(get("/newsroom/mirrors").session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Jsoup.parse(desk).select("#skipped + p + table").text())
                .contains("/en/bad%zzlink", "/en/" + slug, "It answered with an error");
    }

    @Test
    void anAppReadsTheContentApiAndTheJsonFeedFromTheCopyServedElsewhere() throws Exception {
        mirror.exportAll();
        var server = SimpleFileServer.createFileServer(
                new InetSocketAddress("127.0.0.1", 0),
                mirror.folder().toAbsolutePath(),
                SimpleFileServer.OutputLevel.NONE);
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            var json = JsonMapper.builder().build();
            URI list = base.resolve("api/v1/articles/index.json");
            int documents = 0;
            while (list != null) {
                var page = json.readTree(fetch(list));
                for (var article : page.path("articles")) {
                    URI document = list.resolve(article.path("api_path").asString());
                    var full = json.readTree(fetch(document));
                    assertThat(full.path("headline").asString())
                            .isEqualTo(article.path("headline").asString());
                    assertThat(full.path("body_html").asString()).isNotBlank();
                    // the article's page in the same copy
                    assertThat(fetch(document.resolve(full.path("path").asString())))
                            .contains("<html");
                    documents++;
                }
                list = page.path("next").isString()
                        ? list.resolve(page.path("next").asString())
                        : null;
            }
            var sections = json.readTree(fetch(base.resolve("api/v1/sections/index.json")));
            var feed = json.readTree(fetch(base.resolve("feed.json")));
            var description = json.readTree(fetch(base.resolve("api/v1/openapi.json")));

            assertThat(documents).isGreaterThanOrEqualTo(12);
            URI sectionsFile = base.resolve("api/v1/sections/index.json");
            assertThat(fetch(sectionsFile.resolve(
                            sections.path("sections").path(0).path("path").asString())))
                    .contains("<html");
            assertThat(fetch(base.resolve("api/v1/tags/index.json"))).contains("\"tags\"");
            assertThat(fetch(base.resolve("api/v1/authors/index.json"))).contains("\"authors\"");
            assertThat(feed.path("items").size()).isPositive();
            assertThat(description.path("openapi").asString()).startsWith("3.");
        } finally {
            server.stop(0);
        }
    }

    String fetch(URI uri) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aPublishedArticleReachesTheMirrorWithinSecondsAndLeavesItWhenUnpublished() throws Exception {
        mirror.exportAll();
        String email = "mirror-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Mirror Editor", Role.EDITOR, "correct horse battery", false);
        var editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        String headline = "Mirror test " + UUID.randomUUID().toString().substring(0, 8);
        long section = db.sql("SELECT id FROM section WHERE slug = 'news'")
                .query(Long.class)
                .single();

        mvc.perform(post("/newsroom/articles")
                .session(editor)
                .with(csrf())
                .param("language", "en")
                .param("headline", headline)
                .param("body", "Words for the mirror.")
                .param("bylines", "A Reporter")
                .param("tags", "Mirror Checks")
                .param("sectionId", Long.toString(section))
                .param("action", "publish"));
        var article = db.sql("SELECT id, slug FROM article WHERE headline = :h")
                .param("h", headline)
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getString("slug")})
                .single();
        var copy = mirror.folder().resolve("en/" + article[1] + "/index.html");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(copy));
        assertThat(Files.readString(copy, StandardCharsets.UTF_8)).contains(headline);
        var document = mirror.folder().resolve("api/v1/articles/en/" + article[1] + "/index.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(document));
        assertThat(Files.readString(document, StandardCharsets.UTF_8)).contains(headline);
        var tagPage = mirror.folder().resolve("tag/mirror-checks/index.html");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(tagPage)
                        && Files.readString(tagPage, StandardCharsets.UTF_8).contains(headline));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.readString(mirror.folder().resolve("index.html"), StandardCharsets.UTF_8)
                        .contains(headline));

        mvc.perform(post("/newsroom/articles/" + article[0] + "/unpublish")
                .session(editor)
                .with(csrf()));

        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(copy));
        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(document));
        // its tag and author pages in the copy no longer list it (or are gone with it)
        for (String listing : List.of("tag/mirror-checks/index.html", "author/a-reporter/index.html")) {
            var file = mirror.folder().resolve(listing);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !Files.exists(file)
                            || !Files.readString(file, StandardCharsets.UTF_8).contains(headline));
        }
    }

    @Test
    void aRussianStoryReachesItsEditionsSectionAndTagPagesInTheMirrorAndLeavesThemWhenUnpublished() throws Exception {
        mirror.exportAll();
        String email = "mirror-ru-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Mirror Editor", Role.EDITOR, "correct horse battery", false);
        var editor = NewsroomLogin.signIn(mvc, email, "correct horse battery");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String headline = "Зеркало " + marker;
        long section = db.sql("SELECT id FROM section WHERE slug = 'news'")
                .query(Long.class)
                .single();

        mvc.perform(post("/newsroom/articles")
                .session(editor)
                .with(csrf())
                .param("language", "ru")
                .param("slug", "zerkalo-" + marker)
                .param("headline", headline)
                .param("body", "Слова для зеркала.")
                .param("bylines", "Репортёр")
                .param("tags", "Проверка " + marker)
                .param("sectionId", Long.toString(section))
                .param("action", "publish"));
        long id = db.sql("SELECT id FROM article WHERE headline = :h")
                .param("h", headline)
                .query(Long.class)
                .single();
        var listings = List.of(
                mirror.folder().resolve("ru/section/news/index.html"),
                mirror.folder().resolve("ru/tag/proverka-" + marker + "/index.html"));
        for (var listing : listings) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.exists(listing)
                            && Files.readString(listing, StandardCharsets.UTF_8).contains(headline));
        }

        mvc.perform(
                post("/newsroom/articles/" + id + "/unpublish").session(editor).with(csrf()));

        for (var listing : listings) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !Files.exists(listing)
                            || !Files.readString(listing, StandardCharsets.UTF_8)
                                    .contains(headline));
        }
    }
}
