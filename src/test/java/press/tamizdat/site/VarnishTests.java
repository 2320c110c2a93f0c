package press.tamizdat.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.TestArticles;

/**
 * Debian's Varnish with varnish-modules' xkey, running the configuration we ship
 * ({@code ops/varnish/tamizdat.vcl}, its backends pointed at this node), in front of a node that
 * purges it: readers get the shared copy until the newsroom changes something, then the new page.
 * Skipped where varnishd is not installed, unless TAMIZDAT_REQUIRE_OPS_TOOLS is set (CI sets it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VarnishTests {

    static final int VARNISH_PORT = freePort();
    static final HttpClient http = HttpClient.newHttpClient();
    static Process varnish;

    @DynamicPropertySource
    static void purgeThroughVarnish(DynamicPropertyRegistry registry) {
        registry.add("tamizdat.pages.purge-urls", () -> "http://127.0.0.1:" + VARNISH_PORT + "/");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void startVarnishInFront() throws Exception {
        if (varnish != null) {
            return;
        }
        var varnishd = List.of("/usr/sbin/varnishd", "/usr/bin/varnishd").stream()
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
        if (System.getenv("TAMIZDAT_REQUIRE_OPS_TOOLS") == null) {
            assumeTrue(varnishd.isPresent(), "varnishd is not installed (apt-get install varnish varnish-modules)");
        }
        var work = Files.createDirectories(
                        Path.of("target", "varnish", UUID.randomUUID().toString()))
                .toAbsolutePath();
        String vcl = Files.readString(Path.of("ops", "varnish", "tamizdat.vcl"))
                .replace("\"8081\"", "\"" + port + "\"")
                .replace("\"8082\"", "\"" + port + "\"");
        var vclFile = Files.writeString(work.resolve("tamizdat.vcl"), vcl);
        varnish = new ProcessBuilder(
                        varnishd.orElseThrow().toString(),
                        "-F",
                        "-j",
                        "none",
                        "-f",
                        vclFile.toString(),
                        "-a",
                        "127.0.0.1:" + VARNISH_PORT,
                        "-n",
                        work.resolve("instance").toString(),
                        "-s",
                        "malloc,64m",
                        "-T",
                        "none")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("varnishd.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> listening(VARNISH_PORT));
        // the probes find this node ready
        await().atMost(Duration.ofSeconds(30)).until(() -> throughVarnish("/").statusCode() == 200);
    }

    @AfterAll
    static void stopVarnish() throws InterruptedException {
        if (varnish != null) {
            varnish.destroy();
            if (!varnish.waitFor(10, TimeUnit.SECONDS)) {
                varnish.destroyForcibly();
            }
        }
    }

    @Test
    void aRevisedArticleIsFetchedAnewOnceTheNodePurgesVarnish() throws Exception {
        var articles = new TestArticles(context);
        long id = articles.publish(Language.EN, "Varnish story " + UUID.randomUUID(), "The first telling.", List.of());
        String path = articles.path(id);
        await().until(() -> hit(path));
        assertThat(throughVarnish(path).body()).contains("The first telling.");

        articles.revise(id, "The second telling.");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> throughVarnish(path).body().contains("The second telling."));
        assertThat(throughVarnish(path).body()).doesNotContain("The first telling.");
    }

    @Test
    void aPublicationEmptiesVarnishsCopyOfTheFrontPage() throws Exception {
        await().until(() -> hit("/"));
        String headline = "Fresh from the newsroom " + UUID.randomUUID();

        new TestArticles(context).publish(Language.EN, headline, "Body.", List.of());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> throughVarnish("/").body().contains(headline));
    }

    @Test
    void varnishSharesNoNewsroomPageAndNoStaffRequest() throws Exception {
        throughVarnish("/newsroom/login");
        assertThat(throughVarnish("/newsroom/login").headers().firstValue("X-Cache"))
                .hasValue("MISS");

        var withSession = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + VARNISH_PORT + "/"))
                        .header("Cookie", "SESSION=staff")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withSession.headers().firstValue("X-Cache")).hasValue("MISS");
    }

    @Test
    void readersSeeNoSurrogateKeysAndCachesKeepPagesAsTheHeadersSay() throws Exception {
        await().until(() -> hit("/"));
        var page = throughVarnish("/");

        assertThat(page.headers().firstValue("Surrogate-Key")).isEmpty();
        assertThat(page.headers().firstValue("xkey")).isEmpty();
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow())
                .contains("s-maxage=300")
                .contains("stale-while-revalidate=600");
    }

    @Test
    void onlyTheNodesMayPurgeAndAPurgeNamesItsKeys() throws Exception {
        var withoutKeys = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + VARNISH_PORT + "/"))
                        .method("PURGE", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withoutKeys.statusCode()).isEqualTo(400);
    }

    boolean hit(String path) throws IOException, InterruptedException {
        return throughVarnish(path).headers().firstValue("X-Cache").orElse("").equals("HIT");
    }

    static HttpResponse<String> throughVarnish(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + VARNISH_PORT + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static boolean listening(int port) {
        try (var socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
