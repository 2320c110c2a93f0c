package press.tamizdat.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore as an operator runs them: {@code java -jar tamizdat.jar backup site.tzb} of a
 * site that ran, {@code restore site.tzb} into an empty data directory, and the site started there
 * serves the same articles; a second restore over it is refused without {@code --replace}.
 */
class BackupCommandTests {

    static final Pattern ARTICLE = Pattern.compile("href=\"/?(en/[a-z0-9-]+)\"");
    static final Pattern HEADLINE = Pattern.compile("<h1[^>]*>([^<]+)</h1>");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    @Test
    void aSiteBackedUpWithTheCommandIsServedAgainFromAFreshDataDirectoryAfterItsKeysAreRotated() throws Exception {
        Path original = Files.createDirectory(work.resolve("original"));
        Path fresh = Files.createDirectory(work.resolve("fresh"));
        Path passphrase = Files.writeString(work.resolve("passphrase"), "a passphrase kept apart\n");
        Path archive = work.resolve("site.tzb");
        String path;
        String headline;
        try (var site = PackagedApplication.start(
                        PackagedApplication.jar().toAbsolutePath(), original, Map.of("TAMIZDAT_DEMO", "true"));
                var http = HttpClient.newHttpClient()) {
            assertThat(site.awaitUp(Duration.ofMinutes(3))).as(site.output()).isTrue();
            var home = page(http, site.port, "/");
            var link = ARTICLE.matcher(home);
            assertThat(link.find()).as("an article on the demo front page").isTrue();
            path = "/" + link.group(1);
            var title = HEADLINE.matcher(page(http, site.port, path));
            assertThat(title.find()).isTrue();
            headline = title.group(1);
            assertThat(site.stop(Duration.ofMinutes(1))).isTrue();
        }

        var backup = command(original, "backup", archive.toString(), "--passphrase-file=" + passphrase);
        assertThat(backup.status()).as(backup.output()).isZero();
        assertThat(backup.output()).containsPattern("Backup written to .*: \\d+ tables, \\d+ rows, [1-9]\\d* pictures");
        assertThat(Files.readString(archive, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(headline);

        var restore = command(fresh, "restore", archive.toString(), "--passphrase-file=" + passphrase);
        assertThat(restore.status()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("Restored from");
        var rotate = command(fresh, "keys", "rotate");
        assertThat(rotate.status()).as(rotate.output()).isZero();
        assertThat(rotate.output())
                .contains("TAMIZDAT_SUPPORT_KEY rotated", "authenticator secrets sealed again")
                .contains("The new keys are in the data directory");
        var unknown = command(fresh, "keys", "rotate", "TAMIZDAT_NO_SUCH_KEY");
        assertThat(unknown.status()).as(unknown.output()).isEqualTo(1);
        assertThat(unknown.output()).contains("There is no key TAMIZDAT_NO_SUCH_KEY");

        try (var site = PackagedApplication.start(
                        PackagedApplication.jar().toAbsolutePath(), fresh, Map.of("TAMIZDAT_DEMO", "false"));
                var http = HttpClient.newHttpClient()) {
            assertThat(site.awaitUp(Duration.ofMinutes(3))).as(site.output()).isTrue();
            assertThat(page(http, site.port, path)).contains(headline);
            assertThat(site.stop(Duration.ofMinutes(1))).isTrue();
        }

        var again = command(fresh, "restore", archive.toString(), "--passphrase-file=" + passphrase);
        assertThat(again.status()).as(again.output()).isEqualTo(2);
        assertThat(again.output()).contains("holds articles already");
    }

    record Ran(int status, String output) {}

    static Ran command(Path data, String... words) throws Exception {
        var arguments = new ArrayList<>(List.of(
                PackagedApplication.java(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                PackagedApplication.jar().toAbsolutePath().toString()));
        arguments.addAll(List.of(words));
        Path log = Files.createTempFile(work, words[0], ".log");
        var builder = new ProcessBuilder(arguments).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TAMIZDAT_DATA_DIR", data.toString());
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        var process = builder.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Ran(process.exitValue(), Files.readString(log));
    }

    static String page(HttpClient http, int port, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
