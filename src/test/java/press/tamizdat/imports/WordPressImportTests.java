package press.tamizdat.imports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import press.tamizdat.NewsroomLogin;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.publishing.TestPictures;

/**
 * A newcomer imports a WordPress export in the newsroom: a realistic export of three hundred posts
 * (see {@link WxrExport}) uploaded through the import page, pictures from the old site (a WireMock
 * server) and from a folder of old uploads, then the site read as a reader reads it — articles with
 * their pictures and no metadata left in them, scripts gone, old addresses redirected — and the
 * report read as the admin reads it. A second import of the same file changes nothing.
 */
@SpringBootTest(properties = "tamizdat.site.url=https://news.example")
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WordPressImportTests {

    static final int POSTS = 300;
    static final WireMockServer oldSite = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    @TempDir
    static Path folder;

    static Path export;
    static Path uploads;

    @BeforeAll
    static void theOldSite() throws Exception {
        oldSite.start();
        byte[] photo = TestPictures.phoneJpeg();
        oldSite.stubFor(get(urlPathMatching("/wp-content/uploads/2019/01/missing\\.jpg"))
                .willReturn(aResponse().withStatus(404)));
        oldSite.stubFor(get(urlPathMatching("/wp-content/uploads/2021/03/photo-\\d*50\\.jpg"))
                .willReturn(aResponse().withStatus(404)));
        oldSite.stubFor(get(urlPathMatching("/wp-content/uploads/2021/03/(photo-\\d+|inline|captioned)\\.jpg"))
                .atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(photo)));
        export = folder.resolve("herald.WordPress.2021-03-31.xml");
        new WxrExport(POSTS).write(export);
        uploads = folder.resolve("uploads");
        for (int n = 50; n <= POSTS; n += 100) {
            var file = uploads.resolve(WxrExport.pictureName(n));
            Files.createDirectories(file.getParent());
            Files.write(file, photo);
        }
    }

    @AfterAll
    static void stop() {
        oldSite.stop();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient db;

    @Autowired
    StaffAccounts staff;

    MockHttpSession admin() throws Exception {
        return NewsroomLogin.signInNew(mvc, staff, Role.ADMIN);
    }

    /** Uploads the export through the import page's own form and waits for the run to end; returns its page. */
    Document importThroughTheNewsroom(MockHttpSession admin) throws Exception {
        var page = Jsoup.parse(
                mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/newsroom/import")
                                .session(admin))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        var form = page.select("form[action=/newsroom/import]").first();
        assertThat(form.attr("enctype")).isEqualTo("multipart/form-data");
        var started = mvc.perform(multipart("/newsroom/import")
                        .file(new MockMultipartFile(
                                "export", export.getFileName().toString(), "text/xml", Files.readAllBytes(export)))
                        .param("_csrf", form.select("input[name=_csrf]").val())
                        .param("source", "wordpress")
                        .param("uploads", uploads.toString())
                        .param("oldSite", oldSite.baseUrl())
                        .param("language", "")
                        .param("section", "news")
                        .session(admin))
                .andReturn()
                .getResponse();
        assertThat(started.getRedirectedUrl()).startsWith("/newsroom/import?run=");
        long run = Long.parseLong(started.getRedirectedUrl().substring("/newsroom/import?run=".length()));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !db.sql("SELECT state FROM import_run WHERE id = :id")
                        .param("id", run)
                        .query(String.class)
                        .single()
                        .equals("RUNNING"));
        return Jsoup.parse(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                started.getRedirectedUrl())
                        .session(admin))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    MockHttpServletResponse read(String path) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path))
                .andReturn()
                .getResponse();
    }

    long articleOf(int sourceId) {
        return db.sql("SELECT article_id FROM imported_item WHERE source = 'wordpress' AND source_id = :id")
                .param("id", Integer.toString(sourceId))
                .query(Long.class)
                .single();
    }

    String pathOf(long article) {
        return db.sql("SELECT CONCAT('/', LOWER(language), '/', slug) FROM article WHERE id = :id")
                .param("id", article)
                .query(String.class)
                .single();
    }

    @Test
    @Order(1)
    void anAdminImportsTheExportAndReadsWhatWasLeftOutAndWhy() throws Exception {
        var page = importThroughTheNewsroom(admin());

        var run = page.select("#runs tbody tr").first();
        assertThat(run.className()).isEqualTo("run-done");
        var cells = run.select("td");
        // 300 posts, 9 special items (7 kept: the private and the trashed one left out), 1 page
        assertThat(cells.get(2).text()).isEqualTo(Integer.toString(POSTS + 9));
        assertThat(cells.get(3).text()).isEqualTo(Integer.toString(POSTS + 7));
        assertThat(cells.get(6).text()).isEqualTo("2");
        String report = page.select("#report").text();
        assertThat(report)
                .contains("“A private post”: left out: it was private on the old site")
                .contains("“A trashed post”: left out: it was in the old site’s trash".replace("’", "'"))
                .contains("“About the Herald”: a page: imported as a draft article")
                .contains("“A post scheduled on the old site”: was future on the old site: imported as a draft")
                .contains("shortcode [gallery] removed")
                .contains("shortcode [contact-form-7] removed")
                .contains("missing.jpg could not be read (HTTP 404): left out")
                .contains("script, style, form or plug-in element(s) left out")
                .contains("an embedded frame became a link: https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    }

    @Test
    @Order(2)
    void theImportedArticlesReadAsTheOldSiteHadThem() throws Exception {
        long ten = articleOf(WxrExport.postId(10));
        var article = Jsoup.parse(read(pathOf(ten)).getContentAsString());

        assertThat(pathOf(ten)).isEqualTo("/en/" + WxrExport.slug(10));
        assertThat(article.select("h1").text()).isEqualTo("Story number 10 & the north");
        assertThat(article.text())
                .contains("Standfirst of story 10", "First paragraph of story 10", "Last words of story 10");
        assertThat(article.select("article h3, main h3").text()).contains("A heading");
        assertThat(article.text()).contains("By Anna Keller").doesNotContain("anna.k");
        assertThat(db.sql("SELECT s.slug FROM article a JOIN section s ON s.id = a.section_id WHERE a.id = :id")
                        .param("id", ten)
                        .query(String.class)
                        .single())
                .isEqualTo("culture");
        assertThat(db.sql("SELECT publish_at FROM article WHERE id = :id")
                        .param("id", ten)
                        .query(java.time.OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(java.time.Instant.parse("2021-03-11T09:10:00Z"));
        assertThat(db.sql("SELECT COUNT(*) FROM article_tag WHERE article_id = :id AND name IN ('North', 'Tag 3')")
                        .param("id", ten)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        var russian = articleOf(7);
        assertThat(pathOf(russian)).isEqualTo("/ru/novost");
        assertThat(read("/ru/novost").getStatus()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void picturesComeThroughTheMediaLibraryWithNoMetadataLeft() throws Exception {
        for (int n : List.of(10, 50)) {
            var article =
                    Jsoup.parse(read(pathOf(articleOf(WxrExport.postId(n)))).getContentAsString());
            var lead = article.select("figure img, .lead img").first();
            assertThat(lead).as("lead picture of post " + n).isNotNull();
            assertThat(lead.attr("src")).startsWith("/media/");
            assertThat(lead.attr("alt")).isEqualTo("A street in the north, picture " + n);
            var file = read(lead.attr("src"));
            assertThat(file.getStatus()).isEqualTo(200);
            var metadata = Imaging.getMetadata(file.getContentAsByteArray());
            assertThat(metadata == null || ((JpegImageMetadata) metadata).getExif() == null)
                    .as("no EXIF (camera, GPS) in the stored picture of post " + n)
                    .isTrue();
        }
        var shortcodes = Jsoup.parse(read(pathOf(articleOf(2))).getContentAsString());
        assertThat(shortcodes.select("img[src^=/media/][alt=Harbour]")).hasSize(1);
        assertThat(shortcodes.select("em").text()).contains("The harbour at dawn");
        assertThat(shortcodes.select("a[href=https://vimeo.com/76979871]")).hasSize(1);
        assertThat(shortcodes.text())
                .contains("Words in a plug-in's box", "Closing words.")
                .doesNotContain("[");
        var gone = Jsoup.parse(read(pathOf(articleOf(8))).getContentAsString());
        assertThat(gone.text()).contains("Lost picture", "Text stays.");
    }

    @Test
    @Order(4)
    void scriptsHandlersAndFramesDoNotSurvive() throws Exception {
        var body = db.sql("SELECT body FROM article WHERE id = :id")
                .param("id", articleOf(1))
                .query(String.class)
                .single();
        var page = read(pathOf(articleOf(1))).getContentAsString();
        var article = Jsoup.parse(page);

        assertThat(body).doesNotContain("<script", "onclick", "onerror", "<style", "<form", "<iframe", "javascript:");
        assertThat(article.select("main script, article script")).isEmpty();
        assertThat(article.select("[onclick], [onerror], iframe, form[action^=https://evil]"))
                .isEmpty();
        assertThat(article.text())
                .contains("Before the script.", "Clicked paragraph")
                .doesNotContain("stolen");
        assertThat(article.select("a[href=https://www.youtube.com/watch?v=dQw4w9WgXcQ]"))
                .hasSize(1);
        assertThat(article.select("a[href=https://example.com/ok]")).hasSize(1);
        assertThat(article.select("img[alt=Inline picture]").attr("src")).startsWith("/media/");
    }

    @Test
    @Order(5)
    void everyOldAddressAnswersAPermanentRedirectToItsNewPage() throws Exception {
        for (int n : List.of(1, 77, POSTS)) {
            String now = pathOf(articleOf(WxrExport.postId(n)));
            String link = WxrExport.oldLink(n).substring(WxrExport.SITE.length());

            var moved = read(link);
            var byId = read("/?p=" + WxrExport.postId(n));
            var withoutSlash = read(link.substring(0, link.length() - 1));

            assertThat(moved.getStatus()).as(link).isEqualTo(301);
            assertThat(moved.getHeader("Location")).isEqualTo(now);
            assertThat(byId.getStatus()).isEqualTo(301);
            assertThat(byId.getHeader("Location")).isEqualTo(now);
            assertThat(withoutSlash.getHeader("Location")).isEqualTo(now);
        }
        // a draft has no page yet: its old address leads nowhere
        assertThat(read("/a-draft").getStatus()).isEqualTo(404);
        assertThat(read("/2099/01/01/never-was").getStatus()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void draftsStayDraftsAndNothingIsPostedToTheChannels() {
        assertThat(db.sql("SELECT status FROM article WHERE id = :id")
                        .param("id", articleOf(3))
                        .query(String.class)
                        .single())
                .isEqualTo("DRAFT");
        assertThat(db.sql("SELECT status FROM article WHERE id = :id")
                        .param("id", articleOf(6))
                        .query(String.class)
                        .single())
                .isEqualTo("DRAFT");
        assertThat(db.sql(
                                "SELECT COUNT(*) FROM article a JOIN imported_item i ON i.article_id = a.id WHERE a.off_channels = FALSE")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(7)
    void importingTheSameExportAgainUpdatesInsteadOfDuplicating() throws Exception {
        int articles =
                db.sql("SELECT COUNT(*) FROM article").query(Integer.class).single();
        int media = db.sql("SELECT COUNT(*) FROM media").query(Integer.class).single();

        var page = importThroughTheNewsroom(admin());

        var cells = page.select("#runs tbody tr").first().select("td");
        assertThat(cells.get(3).text()).as("created").isEqualTo("0");
        assertThat(cells.get(5).text()).as("unchanged").isEqualTo(Integer.toString(POSTS + 7));
        assertThat(db.sql("SELECT COUNT(*) FROM article").query(Integer.class).single())
                .isEqualTo(articles);
        assertThat(db.sql("SELECT COUNT(*) FROM media").query(Integer.class).single())
                .isEqualTo(media);
    }

    @Test
    @Order(8)
    void aBrokenOrHostileExportStopsWithTheReasonAndReadsNothingElse() throws Exception {
        var admin = admin();
        for (var bad : List.of(
                List.of(
                        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                                + "<rss><channel><item><title>&secret;</title></item></channel></rss>",
                        "is not a WordPress export (WXR) that can be read"),
                List.of("this is not XML at all", "is not a WordPress export (WXR) that can be read"))) {
            Files.writeString(folder.resolve("bad.xml"), bad.get(0));
            var form = Jsoup.parse(mvc.perform(
                            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/newsroom/import")
                                    .session(admin))
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            var started = mvc.perform(multipart("/newsroom/import")
                            .file(new MockMultipartFile(
                                    "export", "bad.xml", "text/xml", bad.get(0).getBytes()))
                            .param("_csrf", form.select("input[name=_csrf]").val())
                            .param("source", "wordpress")
                            .param("section", "news")
                            .session(admin))
                    .andReturn()
                    .getResponse();
            long run = Long.parseLong(started.getRedirectedUrl().substring("/newsroom/import?run=".length()));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> db.sql("SELECT state FROM import_run WHERE id = :id")
                            .param("id", run)
                            .query(String.class)
                            .single()
                            .equals("FAILED"));
            String failure = db.sql("SELECT failure FROM import_run WHERE id = :id")
                    .param("id", run)
                    .query(String.class)
                    .single();
            assertThat(failure).contains(bad.get(1)).doesNotContain("root:");
        }
    }

    @Test
    @Order(9)
    void aFormWithoutAFileOrWithAWrongFolderComesBackWithTheReason() throws Exception {
        var admin = admin();
        var form = Jsoup.parse(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                        "/newsroom/import")
                                .session(admin))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .select("form[action=/newsroom/import]")
                .first();

        var refused = mvc.perform(multipart("/newsroom/import")
                        .param("_csrf", form.select("input[name=_csrf]").val())
                        .param("source", "wordpress")
                        .param("uploads", "/no/such/folder")
                        .param("oldSite", "ftp://old")
                        .param("section", "news")
                        .session(admin))
                .andReturn()
                .getResponse();

        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.getContentAsString())
                        .select("[role=alert]")
                        .text())
                .contains(
                        "Choose the export file.",
                        "There is no folder at that place on the server.",
                        "Give the old site");
        assertThat(Jsoup.parse(refused.getContentAsString()).select("#uploads").val())
                .isEqualTo("/no/such/folder");
    }
}
