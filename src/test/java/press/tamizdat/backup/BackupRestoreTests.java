package press.tamizdat.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import press.tamizdat.HttpForms;
import press.tamizdat.TamizdatApplication;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.ArticleImports;
import press.tamizdat.publishing.MediaArchive;
import press.tamizdat.publishing.TestArticles;

/**
 * A populated installation backed up into one sealed archive and restored into a fresh one (on the
 * run's database, H2 or PostgreSQL): every table and picture comes back as it was, the keys with
 * them, and the restored site serves the same pages and lets the same staff sign in.
 */
class BackupRestoreTests {

    static final String ADMIN = "chief@example.org";
    static final String PASSWORD = "four unrelated words here";
    static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path work;

    final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stopInstallations() {
        running.reversed().forEach(ConfigurableApplicationContext::close);
    }

    /** An installation of its own: database, data directory, keys; jobs off when {@code quiet} (as the commands run). */
    ConfigurableApplicationContext installation(String name, boolean quiet) {
        var context = new SpringApplicationBuilder(TamizdatApplication.class)
                .run(
                        "--server.port=0",
                        "--tamizdat.test.database-name=" + name,
                        "--tamizdat.jobs.enabled=" + !quiet,
                        "--tamizdat.admin.email=" + ADMIN,
                        "--tamizdat.admin.password=" + PASSWORD,
                        "--tamizdat.admin.totp-secret=" + SECRET);
        running.add(context);
        return context;
    }

    record Populated(ConfigurableApplicationContext context, String headline, String articlePath, String photo) {}

    Populated populated() throws Exception {
        var source = installation(UUID.randomUUID().toString(), false);
        var articles = new TestArticles(source);
        String headline = "Kept safe " + UUID.randomUUID();
        long id = articles.publish(Language.EN, headline, "A body worth keeping.", List.of("archive", "safety"));
        articles.publish(Language.RU, "Сохранено " + UUID.randomUUID(), "Текст.", List.of());
        var admin = source.getBean(StaffAccounts.class).all().stream()
                .filter(member -> member.role() == Role.ADMIN)
                .findFirst()
                .orElseThrow();
        var photo = source.getBean(ArticleImports.class).storeImage(TestPhotos.jpeg(900, 600), admin);
        return new Populated(source, headline, articles.path(id), photo.src());
    }

    @Test
    void aRestoredInstallationHoldsEveryTableFilePictureAndKeyOfTheOriginal() throws Exception {
        var original = populated();
        Path archive = work.resolve("site.tzb");
        original.context().getBean(Backups.class).write(archive, new OpenPgp.Passphrase(PASSPHRASE));

        var fresh = installation(UUID.randomUUID().toString(), true);
        var restored = fresh.getBean(Backups.class).restore(archive, new OpenPgp.WithPassphrase(PASSPHRASE));

        var archived = tablesIn(archive);
        assertThat(restored.rows()).isEqualTo(counts(archived));
        assertThat(archived.keySet()).contains("article", "article_revision", "media", "staff", "staff_totp");
        assertThat(tables(fresh)).isEqualTo(archived);
        assertThat(tables(original.context())).containsAllEntriesOf(Map.of("article", archived.get("article")));
        assertThat(pictures(fresh)).isEqualTo(pictures(original.context()));
        var originalKeys = original.context().getBean(Keys.class).loaded();
        var restoredKeys = fresh.getBean(Keys.class).loaded();
        for (var key : originalKeys.values()) {
            byte[] written = HexFormat.of()
                    .parseHex(Files.readString(restoredKeys.get(key.setting()).file())
                            .strip());
            assertThat(written).as(key.setting()).isEqualTo(key.key());
        }
    }

    @Test
    void theRestoredSiteServesTheSamePagesAndLetsTheSameStaffSignIn() throws Exception {
        var original = populated();
        Path archive = work.resolve("site.tzb");
        original.context().getBean(Backups.class).write(archive, new OpenPgp.Passphrase(PASSPHRASE));
        byte[] photo =
                new HttpForms().bytes(original.context(), original.photo()).body();
        String name = UUID.randomUUID().toString();
        installation(name, true).getBean(Backups.class).restore(archive, new OpenPgp.WithPassphrase(PASSPHRASE));
        running.removeLast().close();

        var site = installation(name, false);
        var browser = new HttpForms();

        assertThat(browser.get(site, original.articlePath()).body()).contains(original.headline());
        assertThat(browser.bytes(site, original.photo()).body()).isEqualTo(photo);
        var signedIn = browser.signIn(site, site, ADMIN, PASSWORD, SECRET);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/newsroom"));
        assertThat(browser.get(site, "/newsroom/articles").body()).contains(original.headline());
    }

    @Test
    void aSeizedArchiveShowsNothingAndAWrongPassphraseChangesNothing() throws Exception {
        var original = populated();
        Path archive = work.resolve("site.tzb");
        original.context().getBean(Backups.class).write(archive, new OpenPgp.Passphrase(PASSPHRASE));

        String raw = new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(original.headline(), ADMIN, "article_revision", "backup.json");

        var fresh = installation(UUID.randomUUID().toString(), true);
        var before = tables(fresh);
        assertThatThrownBy(() -> fresh.getBean(Backups.class)
                        .restore(archive, new OpenPgp.WithPassphrase("not the passphrase".toCharArray())))
                .isInstanceOf(OpenPgp.Unopened.class)
                .hasMessageContaining("does not open this backup");
        assertThat(tables(fresh)).isEqualTo(before);
    }

    @Test
    void aDamagedArchiveIsRefusedBeforeAnythingChanges() throws Exception {
        var original = populated();
        Path archive = work.resolve("site.tzb");
        original.context().getBean(Backups.class).write(archive, new OpenPgp.Passphrase(PASSPHRASE));
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(archive, bytes);

        var fresh = installation(UUID.randomUUID().toString(), true);
        var before = tables(fresh);
        assertThatThrownBy(() -> fresh.getBean(Backups.class).restore(archive, new OpenPgp.WithPassphrase(PASSPHRASE)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("damaged");
        assertThat(tables(fresh)).isEqualTo(before);
    }

    @Test
    void anArchiveSealedForTheOperatorsPublicKeyOpensWithGpgAndWithTheSecretKey() throws Exception {
        var gpg = Path.of("/usr/bin/gpg");
        if (!Files.isExecutable(gpg)) {
            assertThat(System.getenv("TAMIZDAT_REQUIRE_OPS_TOOLS"))
                    .as("gpg is not installed")
                    .isNull();
            return;
        }
        Path home = Files.createDirectories(work.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        run(gpg, home, "--quick-gen-key", "Backups <backups@example.org>", "rsa3072", "cert,sign,encr", "never");
        Path publicKey = work.resolve("backups.pub.asc");
        Path secretKey = work.resolve("backups.sec.asc");
        Files.write(publicKey, run(gpg, home, "--export", "--armor", "backups@example.org"));
        Files.write(secretKey, run(gpg, home, "--export-secret-keys", "--armor", "backups@example.org"));
        var original = populated();
        Path archive = work.resolve("site.tzb");

        original.context().getBean(Backups.class).write(archive, OpenPgp.PublicKey.read(publicKey));

        byte[] zip = run(gpg, home, "--decrypt", archive.toString());
        var names = new ArrayList<String>();
        try (var entries = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains("backup.json", "tables/article.jsonl");
        var fresh = installation(UUID.randomUUID().toString(), true);
        var restored =
                fresh.getBean(Backups.class).restore(archive, OpenPgp.WithSecretKey.read(secretKey, new char[0]));
        assertThat(restored.rows()).containsKey("article");
        assertThat(tables(fresh).get("article"))
                .isEqualTo(tables(original.context()).get("article"));
    }

    static byte[] run(Path gpg, Path home, String... arguments) throws Exception {
        var command = new ArrayList<>(List.of(
                gpg.toString(),
                "--homedir",
                home.toString(),
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                ""));
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }

    /** Each restored table's rows, as the archive holds them, in a fixed order. */
    static Map<String, List<String>> tablesIn(Path archive) throws IOException {
        var tables = new TreeMap<String, List<String>>();
        try (var in = Files.newInputStream(archive)) {
            var opened = OpenPgp.open(in, new OpenPgp.WithPassphrase(PASSPHRASE));
            var zip = new ZipInputStream(opened.clear());
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().startsWith("tables/")) {
                    var bytes = new ByteArrayOutputStream();
                    zip.transferTo(bytes);
                    String table = entry.getName().substring("tables/".length()).replace(".jsonl", "");
                    tables.put(table, sorted(bytes.toString(StandardCharsets.UTF_8)));
                }
            }
        }
        return tables;
    }

    /** Each table this installation would back up, dumped the same way. */
    static Map<String, List<String>> tables(ConfigurableApplicationContext context) throws Exception {
        var tables = new TreeMap<String, List<String>>();
        try (var connection = context.getBean(DataSource.class).getConnection()) {
            for (var table : DatabaseDump.tables(connection)) {
                if (DatabaseDump.history(table.archived()) || DatabaseDump.LEFT_OUT.contains(table.archived())) {
                    continue;
                }
                var out = new StringWriter();
                DatabaseDump.dump(connection, table, out);
                tables.put(table.archived(), sorted(out.toString()));
            }
        }
        return tables;
    }

    static Map<String, Long> counts(Map<String, List<String>> tables) {
        var counts = new TreeMap<String, Long>();
        tables.forEach((table, lines) -> counts.put(table, (long) lines.size() - 1));
        return counts;
    }

    /** The header first, then the rows in order (tables are read without ORDER BY). */
    static List<String> sorted(String dump) {
        var lines = new ArrayList<>(dump.lines().toList());
        String header = lines.removeFirst();
        lines.sort(null);
        lines.addFirst(header);
        return lines;
    }

    static Map<String, String> pictures(ConfigurableApplicationContext context) {
        var pictures = new LinkedHashMap<String, String>();
        context.getBean(MediaArchive.class)
                .forEach((key, files) -> files.forEach((name, bytes) ->
                        pictures.put(key + "/" + name, HexFormat.of().formatHex(sha256(bytes)))));
        return pictures;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
