package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * Pages, feeds, style sheets and scripts go compressed to a client that accepts gzip, over real
 * HTTP (the JDK's client, which does not decompress by itself), and identical once decompressed;
 * a client that does not ask gets them as they are. A cached page is compressed once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tamizdat.demo=true")
class CompressionTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<byte[]> get(String path, boolean gzip) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (gzip) {
            request.header("Accept-Encoding", "gzip, deflate, br");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String gunzip(byte[] body) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pagesFeedsStylesAndScriptsAreServedGzippedToClientsThatAskAndPlainToOthers() throws Exception {
        var articles = new TestArticles(context);
        String article = articles.path(articles.publish(
                Language.EN, "Squeezed", "A body long enough to be worth it. ".repeat(100), List.of()));

        for (String path : List.of(
                "/",
                article,
                "/rss.xml",
                "/atom.xml",
                "/feed.json",
                "/assets/site.css",
                "/assets/site.js",
                "/section/news")) {
            for (int hit = 0; hit < 2; hit++) {
                var plain = get(path, false);
                var gzipped = get(path, true);

                assertThat(gzipped.statusCode()).as(path).isEqualTo(200);
                assertThat(gzipped.headers().firstValue("Content-Encoding"))
                        .as(path)
                        .hasValue("gzip");
                assertThat(gzipped.headers().allValues("Vary").toString())
                        .as(path)
                        .containsIgnoringCase("Accept-Encoding");
                assertThat(gzipped.body().length).as(path).isLessThan(plain.body().length);
                assertThat(gunzip(gzipped.body())).as(path).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
                assertThat(plain.headers().firstValue("Content-Encoding"))
                        .as(path)
                        .isEmpty();
            }
        }
    }

    @Test
    void aCachedPageIsGzippedOnceAndRevalidatesByItsOwnTag() throws Exception {
        var articles = new TestArticles(context);
        String article = articles.path(
                articles.publish(Language.EN, "Once", "Compressed when rendered. ".repeat(100), List.of()));
        var first = get(article, true);

        var kept = context.getBean(PageCache.class).get(article).orElseThrow();
        var again = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + article))
                .header("Accept-Encoding", "gzip")
                .header("If-None-Match", first.headers().firstValue("ETag").orElseThrow())
                .build();

        assertThat(kept.gzipped()).isEqualTo(first.body());
        assertThat(first.headers().firstValue("ETag")).get().asString().endsWith("-gzip\"");
        assertThat(http.send(again, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(304);
    }
}
