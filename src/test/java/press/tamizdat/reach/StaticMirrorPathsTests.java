package press.tamizdat.reach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where each site path lives in the copy, and the relative links between its files. */
class StaticMirrorPathsTests {

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
        "/privacy, privacy/index.html"
    })
    void eachSitePathHasOneFile(String path, String file) {
        assertThat(StaticMirror.fileFor(path)).isEqualTo(file);
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
        assertThat(StaticMirror.relative(from, to)).isEqualTo(link);
    }

    final StaticMirror mirror = new StaticMirror(
            new ReachSettings(new ReachSettings.Mirror(
                    true,
                    java.nio.file.Path.of("mirror"),
                    java.time.Duration.ofSeconds(5),
                    new ReachSettings.Bucket("", "", "us-east-1", "", "", "", false))),
            new press.tamizdat.platform.TamizdatSettings(
                    java.nio.file.Path.of("data"),
                    false,
                    new press.tamizdat.platform.TamizdatSettings.Site(
                            "Test",
                            java.net.URI.create("https://tamizdat.example"),
                            java.time.ZoneOffset.UTC,
                            java.util.Locale.ENGLISH)),
            null,
            java.time.Clock.systemUTC());

    @ParameterizedTest
    @CsvSource({
        "/en/night-train/, /en/night-train",
        "/index.html, /",
        "/section/news/index.html, /section/news",
        "https://tamizdat.example/privacy#top, /privacy",
        "/support?source=banner, /support",
        "/section/news?page=2&x=1, /section/news?page=2",
        "/section/news?page=1, /section/news"
    })
    void linksIntoTheSiteBecomeOnePathEach(String link, String path) {
        assertThat(mirror.sitePath(link)).hasValue(path);
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
        assertThat(mirror.sitePath(link)).isEmpty();
    }
}
