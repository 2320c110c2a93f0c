package press.tamizdat.reach;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where each site path lives in the copy, the relative links between its files, and a page rewritten for the copy. */
class MirrorLinksTests {

    @ParameterizedTest
    @CsvSource({
        "/, index.html",
        "/en/night-train, en/night-train/index.html",
        "/section/news, section/news/index.html",
        "/section/news?page=3, section/news/page/3/index.html",
        "/rss.xml, rss.xml",
        "/section/news/rss.xml, section/news/rss.xml",
        "/assets/site.css, assets/site.css",
        "/media/12/640.jpg, media/12/640.jpg",
        "/privacy, privacy/index.html",
        "/rss.xml?page=2, rss.xml"
    })
    void eachSitePathHasOneFile(String path, String file) {
        assertThat(MirrorLinks.fileFor(path)).isEqualTo(file);
    }

    @ParameterizedTest
    @CsvSource({
        "rss.xml/page/2/index.html, rss.xml",
        "a.b, a.b/c/index.html",
        "a.b/c/index.html, a.b",
    })
    void aFileThatWouldStandWhereAnotherFileOrFolderIsClashes(String file, String existing) {
        assertThat(StaticMirror.clash(new java.util.TreeMap<>(java.util.Map.of(existing, 1)), file))
                .isEqualTo(existing);
    }

    @ParameterizedTest
    @CsvSource({
        "section/news/rss.xml, section/news/index.html",
        "en/ab/index.html, en/a/index.html",
        "en/a-b/index.html, en/a/index.html",
        "rss.xml, rss.xml.gz"
    })
    void filesSideBySideDoNotClash(String file, String existing) {
        assertThat(StaticMirror.clash(new java.util.TreeMap<>(java.util.Map.of(existing, 1)), file))
                .isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "index.html, en/night-train/index.html, en/night-train/index.html",
        "en/night-train/index.html, assets/site.css, ../../assets/site.css",
        "en/night-train/index.html, index.html, ../../index.html",
        "section/news/page/3/index.html, section/news/index.html, ../../index.html",
        "en/a/index.html, en/b/index.html, ../b/index.html"
    })
    void linksBetweenFilesAreRelative(String from, String to, String link) {
        assertThat(MirrorLinks.relative(from, to)).isEqualTo(link);
    }

    final MirrorLinks links =
            new MirrorLinks("https://tamizdat.example", "http://127.0.0.1:8080", "http://forms.example");

    @ParameterizedTest
    @CsvSource({
        "/en/night-train/, /en/night-train",
        "/index.html, /",
        "/section/news/index.html, /section/news",
        "https://tamizdat.example/privacy#top, /privacy",
        "/support?source=banner, /support",
        "/section/news?page=2&x=1, /section/news?page=2",
        "/section/news?page=1, /section/news",
        "/rss.xml?page=2, /rss.xml",
        "/media/12/640.jpg?page=3, /media/12/640.jpg"
    })
    void linksIntoTheSiteBecomeOnePathEach(String link, String path) {
        assertThat(links.sitePath(link)).hasValue(path);
    }

    @ParameterizedTest
    @CsvSource({
        "'', ' '",
        "'/media/../../etc/passwd', x",
        "'/media/%2e%2e/secret', x",
        "'//other.example/x', x",
        "'https://other.example/x', x",
        "'mailto:news@example.org', x"
    })
    void linksOutOfTheCopyAreNotFollowed(String link, String unused) {
        assertThat(links.sitePath(link)).isEmpty();
    }

    @Test
    void aPageLinksToFilesOfTheCopyAndLosesWhatOnlyWorksLive() {
        var page = Jsoup.parse("""
                <a href="/">Home</a>
                <a href="https://tamizdat.example/section/news?page=2#list">Older</a>
                <a href="/newsletter/unsubscribe?token=x">Unsubscribe</a>
                <a href="mailto:news@example.org">Write</a>
                <img src="/media/7/640.jpg" srcset="/media/7/320.jpg 320w, /media/7/640.jpg 640w">
                <form method="post" action="/newsroom/login"><button>Sign in</button></form>
                <form method="get" action="/search"><input name="q"></form>
                """, "https://tamizdat.example/en/night-train");

        var found = links.rewrite(page, "en/night-train/index.html");

        assertThat(page.select("a").eachAttr("href"))
                .containsExactly(
                        "../../index.html", "../../section/news/page/2/index.html#list", "mailto:news@example.org");
        assertThat(page.text()).contains("Unsubscribe");
        assertThat(page.select("img").attr("src")).isEqualTo("../../media/7/640.jpg");
        assertThat(page.select("img").attr("srcset"))
                .isEqualTo("../../media/7/320.jpg 320w, ../../media/7/640.jpg 640w");
        assertThat(page.select("form")).isEmpty();
        assertThat(found)
                .containsExactly(
                        "/", "/section/news?page=2", "/media/7/640.jpg", "/media/7/320.jpg", "/media/7/640.jpg");
    }

    @Test
    void theFormsAReaderSendsFromAMirrorPostToTheLiveFormsAddress() {
        var page = Jsoup.parse("""
                <form method="post" action="/newsletter"><button>Subscribe</button></form>
                <form method="post" action="/ru/newsletter"><button>Подписаться</button></form>
                <form method="post" action="/support" class="give"><button>Continue</button></form>
                <form method="post" action="/support/remind"><button>Remind me</button></form>
                <form method="post" action="/support/manage"><button>Send me the link</button></form>
                """, "https://tamizdat.example/en/night-train");

        links.rewrite(page, "en/night-train/index.html");

        assertThat(page.select("form").eachAttr("action"))
                .containsExactly(
                        "http://forms.example/newsletter",
                        "http://forms.example/ru/newsletter",
                        "http://forms.example/support",
                        "http://forms.example/support/remind");
    }

    @Test
    void contentApiDocumentsAreJsonFilesWhoseLinksPointInsideTheCopy() {
        var links = new MirrorLinks("https://tamizdat.example", null, "https://forms.example");
        var document = tools.jackson.databind.json.JsonMapper.builder().build().readTree("""
                        {"articles": [{"path": "/en/a", "api_path": "/api/v1/articles/en/a",
                          "url": "https://tamizdat.example/en/a", "section": {"path": "/section/news"}}],
                         "previous": null, "next": "/api/v1/articles?page=2",
                         "articles_api_path": "/api/v1/articles?section=news"}
                        """);

        var found = links.rewriteJson(document, MirrorLinks.fileFor("/api/v1/articles"));

        assertThat(MirrorLinks.fileFor("/api/v1/articles")).isEqualTo("api/v1/articles/index.json");
        assertThat(MirrorLinks.fileFor("/api/v1/articles?page=2")).isEqualTo("api/v1/articles/page/2/index.json");
        assertThat(MirrorLinks.fileFor("/api/v1/openapi.json")).isEqualTo("api/v1/openapi.json");
        assertThat(found)
                .containsExactlyInAnyOrder(
                        "/en/a", "/api/v1/articles/en/a", "/section/news", "/api/v1/articles?page=2");
        var article = document.path("articles").path(0);
        assertThat(article.path("path").asString()).isEqualTo("../../../en/a/index.html");
        assertThat(article.path("api_path").asString()).isEqualTo("en/a/index.json");
        assertThat(article.path("url").asString()).isEqualTo("https://tamizdat.example/en/a");
        assertThat(document.path("next").asString()).isEqualTo("page/2/index.json");
        assertThat(document.path("previous").isNull()).isTrue();
        // a filtered list is not in the copy: its link stays as the live API wrote it
        assertThat(document.path("articles_api_path").asString()).isEqualTo("/api/v1/articles?section=news");
    }

    @Test
    void aSitemapsAddressesBecomeSitePaths() {
        String xml = "<urlset><url><loc>https://tamizdat.example/en/a</loc></url>"
                + "<url><loc>https://tamizdat.example/section/b?page=2&amp;x=1</loc></url>"
                + "<url><loc>https://elsewhere.example/c</loc></url></urlset>";

        assertThat(links.sitemapLinks(xml)).containsExactly("/en/a", "/section/b?page=2");
    }
}
