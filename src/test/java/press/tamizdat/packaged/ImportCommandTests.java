package press.tamizdat.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import press.tamizdat.imports.WxrExport;

/**
 * The import command as an operator runs it: {@code java -jar tamizdat.jar import wordpress
 * export.xml} against a data directory prints its counts and exits; the site started afterwards
 * on that data serves the imported articles and redirects their old addresses.
 */
class ImportCommandTests {

    static final int POSTS = 20;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    @Test
    void theCommandImportsAnExportAndTheSiteThenServesIt() throws Exception {
        Path export = work.resolve("export.xml");
        new WxrExport(POSTS).write(export);
        Path data = Files.createDirectory(work.resolve("data"));
        Path log = work.resolve("import.log");
        var command = new ProcessBuilder(
                        PackagedApplication.java(),
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        PackagedApplication.jar().toAbsolutePath().toString(),
                        "import",
                        "wordpress",
                        export.toString(),
                        "--section=news")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        command.environment().put("TAMIZDAT_DATA_DIR", data.toString());
        command.environment().put("TAMIZDAT_DEMO", "false");
        command.environment().put("SERVER_ADDRESS", "127.0.0.1");

        var process = command.start();
        boolean ended = process.waitFor(4, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);

        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .containsPattern("\\(DONE\\) in [0-9.]+ s: " + (POSTS + 9) + " read, " + (POSTS + 7) + " created");
        assertThat(output).contains("“A private post”: left out: it was private on the old site");

        try (var site = PackagedApplication.start(
                        PackagedApplication.jar().toAbsolutePath(), data, Map.of("TAMIZDAT_DEMO", "false"));
                var http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .build()) {
            assertThat(site.awaitUp(Duration.ofMinutes(3))).as(site.output()).isTrue();
            for (int n : List.of(1, POSTS)) {
                String old = WxrExport.oldLink(n).substring(WxrExport.SITE.length());
                var moved = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port + old))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(moved.statusCode()).as(old).isEqualTo(301);
                assertThat(moved.headers().firstValue("Location")).hasValue("/en/" + WxrExport.slug(n));
                assertThat(site.get("/en/" + WxrExport.slug(n))).isEqualTo(200);
            }
        }
    }
}
