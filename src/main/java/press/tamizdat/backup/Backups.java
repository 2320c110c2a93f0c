package press.tamizdat.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.MediaArchive;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole site in one archive: every table (a consistent snapshot), every picture, and the keys
 * its sealed values open with, in a ZIP sealed with OpenPGP. A restore checks the whole archive
 * before it touches anything, then replaces the database's content in one transaction, stores the
 * pictures and writes the keys.
 *
 * <p>The archive: {@code backup.json} (what it holds, and each module's migrations), {@code
 * tables/<table>.jsonl}, {@code media/<key>/<file>}, {@code keys/<SETTING>}.
 */
@Component
class Backups {

    static final int FORMAT = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final MediaArchive media;
    private final Keys keys;
    private final TamizdatSettings settings;
    private final Clock clock;

    Backups(DataSource dataSource, MediaArchive media, Keys keys, TamizdatSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.media = media;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** What an archive holds. */
    record Contents(Map<String, Long> rows, int pictures, List<String> keys) {}

    /** A backup whose migrations differ from this installation's, or that is damaged. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** Writes the archive to {@code file} (whole or not at all), readable by its owner only. */
    Contents write(Path file, OpenPgp.Seal seal) throws IOException {
        Path partial = file.toAbsolutePath().resolveSibling(file.getFileName() + ".partial");
        try {
            Contents contents;
            try (var out = Files.newOutputStream(partial)) {
                try {
                    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                try (var sealed = OpenPgp.seal(out, seal)) {
                    contents = write(sealed);
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return contents;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private Contents write(OutputStream sealed) throws IOException {
        var zip = new ZipOutputStream(sealed, StandardCharsets.UTF_8);
        var rows = new TreeMap<String, Long>();
        var histories = new TreeMap<String, List<String>>();
        String database;
        try (var connection = dataSource.getConnection()) {
            // one snapshot of every table: a publication committed meanwhile is in all of them or none
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            database = connection.getMetaData().getDatabaseProductName();
            for (var table : DatabaseDump.tables(connection)) {
                if (DatabaseDump.history(table.archived())) {
                    histories.put(table.archived(), migrations(connection, table));
                    continue;
                }
                if (DatabaseDump.LEFT_OUT.contains(table.archived())) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry("tables/" + table.archived() + ".jsonl"));
                var writer = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
                rows.put(table.archived(), DatabaseDump.dump(connection, table, writer));
                writer.flush();
                zip.closeEntry();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IOException("The database could not be read: " + e.getMessage(), e);
        }
        int[] pictures = {0};
        media.forEach((key, files) -> {
            try {
                for (var file : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry("media/" + key + "/" + file.getKey()));
                    zip.write(file.getValue());
                    zip.closeEntry();
                }
                pictures[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        var kept = new ArrayList<String>();
        var fileNames = new TreeMap<String, String>();
        for (var key : new TreeMap<>(keys.loaded()).values()) {
            zip.putNextEntry(new ZipEntry("keys/" + key.setting()));
            zip.write(HexFormat.of().formatHex(key.key()).getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            kept.add(key.setting());
            fileNames.put(key.setting(), key.file().getFileName().toString());
        }
        var description = new LinkedHashMap<String, Object>();
        description.put("format", FORMAT);
        description.put("made_at", clock.instant().toString());
        description.put("database", database);
        description.put("migrations", histories);
        description.put("rows", rows);
        description.put("pictures", pictures[0]);
        description.put("key_files", fileNames);
        zip.putNextEntry(new ZipEntry("backup.json"));
        zip.write(JSON.writeValueAsBytes(description));
        zip.closeEntry();
        zip.finish();
        return new Contents(rows, pictures[0], kept);
    }

    private static List<String> migrations(Connection connection, DatabaseDump.Table history) throws SQLException {
        var applied = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(
                        "SELECT \"version\", \"script\", \"checksum\" FROM " + DatabaseDump.quoted(history.name())
                                + " WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                applied.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return applied;
    }

    /**
     * Restores the archive in {@code file} into this installation: checks it whole first (the seal,
     * its integrity, its migrations against this installation's), then replaces the database's
     * content, stores the pictures and writes the keys. Returns what it restored.
     */
    Contents restore(Path file, OpenPgp.Opener opener) throws IOException {
        JsonNode description = check(file, opener);
        try (var in = Files.newInputStream(file)) {
            var opened = OpenPgp.open(in, opener);
            var zip = new ZipInputStream(opened.clear(), StandardCharsets.UTF_8);
            var restored = new TreeMap<String, Long>();
            int pictures = 0;
            var restoredKeys = new TreeMap<String, byte[]>();
            try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                boolean postgres =
                        connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
                var tables = new LinkedHashMap<String, DatabaseDump.Table>();
                DatabaseDump.tables(connection).stream()
                        .filter(table -> !DatabaseDump.history(table.archived())
                                && !DatabaseDump.LEFT_OUT.contains(table.archived()))
                        .forEach(table -> tables.put(table.archived(), table));
                DatabaseDump.clear(connection, List.copyOf(tables.values()));
                String pendingKey = null;
                var pendingFiles = new LinkedHashMap<String, byte[]>();
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    String name = entry.getName();
                    if (name.startsWith("tables/")) {
                        String table = name.substring("tables/".length(), name.length() - ".jsonl".length());
                        var target = tables.get(table);
                        if (target == null) {
                            throw new Refused("This installation has no table " + table);
                        }
                        var reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
                        restored.put(table, DatabaseDump.load(connection, target, reader));
                    } else if (name.startsWith("media/")) {
                        String[] parts = name.split("/");
                        if (parts.length != 3) {
                            throw new Refused("A picture in the archive has a strange name: " + name);
                        }
                        if (!parts[1].equals(pendingKey)) {
                            if (pendingKey != null) {
                                media.put(pendingKey, pendingFiles);
                                pictures++;
                            }
                            pendingKey = parts[1];
                            pendingFiles = new LinkedHashMap<>();
                        }
                        pendingFiles.put(parts[2], zip.readAllBytes());
                    } else if (name.startsWith("keys/")) {
                        String setting = name.substring("keys/".length());
                        byte[] key = HexFormat.of()
                                .parseHex(new String(zip.readAllBytes(), StandardCharsets.US_ASCII).strip());
                        restoredKeys.put(setting, key);
                    }
                }
                if (pendingKey != null) {
                    media.put(pendingKey, pendingFiles);
                    pictures++;
                }
                for (var table : tables.values()) {
                    DatabaseDump.continueIdentities(connection, table, postgres);
                }
                connection.commit();
            } catch (SQLException e) {
                throw new IOException("The database could not be restored (nothing was changed): " + e.getMessage(), e);
            }
            // only once the data is in: the keys its sealed values open with
            restoredKeys.forEach((setting, key) -> keys.replace(
                    setting,
                    key,
                    settings.dataDir()
                            .resolve(description.path("key_files").path(setting).asString())));
            return new Contents(restored, pictures, List.copyOf(restoredKeys.keySet()));
        }
    }

    /** Reads the archive through once: the seal opens, it is whole, its migrations are this installation's. */
    private JsonNode check(Path file, OpenPgp.Opener opener) throws IOException {
        JsonNode description = null;
        try (var in = Files.newInputStream(file)) {
            var opened = OpenPgp.open(in, opener);
            var zip = new ZipInputStream(opened.clear(), StandardCharsets.UTF_8);
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals("backup.json")) {
                    description = JSON.readTree(zip.readAllBytes());
                } else {
                    zip.transferTo(OutputStream.nullOutputStream());
                }
            }
            if (!opened.verify()) {
                throw new Refused("The backup is damaged: its integrity check fails");
            }
        } catch (java.util.zip.ZipException e) {
            throw new Refused("The backup is damaged: " + e.getMessage());
        }
        if (description == null || description.path("format").asInt() != FORMAT) {
            throw new Refused("This is not a Tamizdat backup this version can read");
        }
        var ours = new TreeMap<String, List<String>>();
        try (var connection = dataSource.getConnection()) {
            for (var table : DatabaseDump.tables(connection)) {
                if (DatabaseDump.history(table.archived())) {
                    ours.put(table.archived(), migrations(connection, table));
                }
            }
        } catch (SQLException e) {
            throw new IOException("The database could not be read: " + e.getMessage(), e);
        }
        var theirs = new TreeMap<String, List<String>>();
        description.path("migrations").properties().forEach(history -> {
            var applied = new ArrayList<String>();
            history.getValue().forEach(migration -> applied.add(migration.asString()));
            theirs.put(history.getKey(), applied);
        });
        if (!ours.equals(theirs)) {
            throw new Refused("This backup was made by a version of Tamizdat with other database migrations:"
                    + " restore it with the version that made it ("
                    + description.path("made_at").asString()
                    + "), then upgrade");
        }
        return description;
    }

    /** Whether this installation holds articles already (a restore replaces them only when told to). */
    boolean holdsArticles() {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT COUNT(*) FROM article")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
