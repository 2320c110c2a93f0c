package press.tamizdat.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every table of the site's schema as JSON lines, read and written through JDBC only, so the same
 * archive comes from and goes to the embedded H2 and PostgreSQL alike: a header with the column
 * names, then one array of values per row (times as ISO text, bytes as Base64). Tables are taken
 * parents first (by their foreign keys), so a restore inserts in that order and deletes in the
 * reverse one.
 */
final class DatabaseDump {

    /**
     * What a restore must not bring back: sessions (a stolen backup must open no one's session),
     * short-lived counters, and the keys' fingerprints (the restored keys bring their own).
     */
    static final Set<String> LEFT_OUT = Set.of(
            "spring_session",
            "spring_session_attributes",
            "network_count",
            "network_salt",
            "sign_in_failure",
            "sign_in_client_account",
            "key_fingerprint");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 500;

    private DatabaseDump() {}

    record Column(String name, int type, String typeName, boolean identity) {}

    /** A table: its name as the database spells it, and its name in the archive (lower case). */
    record Table(String name, String archived, List<Column> columns, Set<String> parents) {}

    /** Whether a table is one of Flyway's histories, which are compared, never restored. */
    static boolean history(String archived) {
        return archived.startsWith("flyway_schema_history");
    }

    /** The schema's tables, parents before children. */
    static List<Table> tables(Connection connection) throws SQLException {
        var meta = connection.getMetaData();
        String schema = connection.getSchema();
        var found = new LinkedHashMap<String, Table>();
        try (var rs = meta.getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                found.put(name.toLowerCase(Locale.ROOT), table(meta, connection, schema, name));
            }
        }
        var ordered = new ArrayList<Table>();
        var placed = new java.util.HashSet<String>();
        while (placed.size() < found.size()) {
            boolean progress = false;
            for (var table : found.values()) {
                if (!placed.contains(table.archived())
                        && placed.containsAll(table.parents().stream()
                                .filter(parent -> !parent.equals(table.archived()) && found.containsKey(parent))
                                .toList())) {
                    ordered.add(table);
                    placed.add(table.archived());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("The tables' foreign keys go round in a circle");
            }
        }
        return ordered;
    }

    private static Table table(DatabaseMetaData meta, Connection connection, String schema, String name)
            throws SQLException {
        var columns = new ArrayList<Column>();
        try (var rs = meta.getColumns(connection.getCatalog(), schema, name, "%")) {
            while (rs.next()) {
                String typeName = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                // PostgreSQL's driver calls a timestamptz a TIMESTAMP; its name tells
                int type = typeName.equals("timestamptz") || typeName.contains("with time zone")
                        ? Types.TIMESTAMP_WITH_TIMEZONE
                        : rs.getInt("DATA_TYPE");
                columns.add(new Column(
                        rs.getString("COLUMN_NAME"), type, typeName, "YES".equals(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        var parents = new java.util.TreeSet<String>();
        try (var rs = meta.getImportedKeys(connection.getCatalog(), schema, name)) {
            while (rs.next()) {
                parents.add(rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return new Table(name, name.toLowerCase(Locale.ROOT), columns, parents);
    }

    /** Writes the table's rows; returns how many. */
    static long dump(Connection connection, Table table, Writer out) throws SQLException, IOException {
        var names = table.columns().stream()
                .map(column -> column.name().toLowerCase(Locale.ROOT))
                .toList();
        out.write(JSON.writeValueAsString(Map.of("columns", names)));
        out.write('\n');
        long rows = 0;
        String columns = String.join(
                ", ",
                table.columns().stream().map(column -> quoted(column.name())).toList());
        try (var statement = connection.createStatement()) {
            statement.setFetchSize(BATCH);
            try (var rs = statement.executeQuery("SELECT " + columns + " FROM " + quoted(table.name()))) {
                while (rs.next()) {
                    var values = new ArrayList<Object>(table.columns().size());
                    for (int i = 0; i < table.columns().size(); i++) {
                        values.add(read(rs, i + 1, table.columns().get(i)));
                    }
                    out.write(JSON.writeValueAsString(values));
                    out.write('\n');
                    rows++;
                }
            }
        }
        return rows;
    }

    private static Object read(ResultSet rs, int index, Column column) throws SQLException {
        Object value = switch (column.type()) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> text(rs.getObject(index, OffsetDateTime.class));
            case Types.TIMESTAMP -> text(rs.getObject(index, LocalDateTime.class));
            case Types.DATE -> text(rs.getObject(index, LocalDate.class));
            case Types.TIME -> text(rs.getObject(index, LocalTime.class));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                if (column.typeName().contains("uuid")) {
                    yield text(rs.getObject(index));
                }
                byte[] bytes = rs.getBytes(index);
                yield bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
            }
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(index);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(index);
            case Types.DECIMAL, Types.NUMERIC -> text(rs.getBigDecimal(index));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> rs.getDouble(index);
            case Types.OTHER -> text(rs.getObject(index));
            default -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }

    private static Object text(Object value) {
        return value == null
                ? null
                : value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    /** Inserts the rows written by {@link #dump} into {@code table}; returns how many. */
    static long load(Connection connection, Table table, BufferedReader in) throws SQLException, IOException {
        String header = in.readLine();
        if (header == null) {
            throw new IOException("The archive's table " + table.archived() + " is empty");
        }
        var archived = new ArrayList<String>();
        JSON.readTree(header).get("columns").forEach(name -> archived.add(name.asString()));
        var byName = new HashMap<String, Column>();
        table.columns().forEach(column -> byName.put(column.name().toLowerCase(Locale.ROOT), column));
        var columns = new ArrayList<Column>();
        for (String name : archived) {
            var column = byName.get(name);
            if (column == null) {
                throw new IOException("The table " + table.archived() + " here has no column " + name);
            }
            columns.add(column);
        }
        String sql = "INSERT INTO " + quoted(table.name()) + " ("
                + String.join(
                        ", ",
                        columns.stream().map(column -> quoted(column.name())).toList()) + ") VALUES ("
                + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
        long rows = 0;
        try (var insert = connection.prepareStatement(sql)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode values = JSON.readTree(line);
                for (int i = 0; i < columns.size(); i++) {
                    bind(insert, i + 1, columns.get(i), values.get(i));
                }
                insert.addBatch();
                if (++rows % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    private static void bind(PreparedStatement insert, int index, Column column, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            insert.setNull(index, column.type());
            return;
        }
        if (column.typeName().contains("uuid")) {
            insert.setObject(index, UUID.fromString(value.asString()));
            return;
        }
        switch (column.type()) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> insert.setObject(index, OffsetDateTime.parse(value.asString()));
            case Types.TIMESTAMP -> insert.setObject(index, LocalDateTime.parse(value.asString()));
            case Types.DATE -> insert.setObject(index, LocalDate.parse(value.asString()));
            case Types.TIME -> insert.setObject(index, LocalTime.parse(value.asString()));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                insert.setBytes(index, Base64.getDecoder().decode(value.asString()));
            case Types.BOOLEAN, Types.BIT -> insert.setBoolean(index, value.asBoolean());
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> insert.setLong(index, value.asLong());
            case Types.DECIMAL, Types.NUMERIC ->
                insert.setBigDecimal(index, new java.math.BigDecimal(value.asString()));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> insert.setDouble(index, value.asDouble());
            case Types.OTHER -> insert.setObject(index, value.asString(), Types.OTHER);
            default -> insert.setString(index, value.asString());
        }
    }

    /** A name exactly as the database spells it (H2 keeps Flyway's lower-case table in quotes). */
    static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Empties the tables, children first. */
    static void clear(Connection connection, List<Table> parentsFirst) throws SQLException {
        try (var statement = connection.createStatement()) {
            for (var table : parentsFirst.reversed()) {
                statement.executeUpdate("DELETE FROM " + quoted(table.name()));
            }
        }
    }

    /** Sets each identity column's next value past the restored rows. */
    static void continueIdentities(Connection connection, Table table, boolean postgres) throws SQLException {
        for (var column : table.columns()) {
            if (!column.identity()) {
                continue;
            }
            long next;
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery("SELECT COALESCE(MAX(" + quoted(column.name()) + "), 0) + 1 FROM "
                            + quoted(table.name()))) {
                rs.next();
                next = rs.getLong(1);
            }
            try (var statement = connection.createStatement()) {
                if (postgres) {
                    statement.execute("SELECT setval(pg_get_serial_sequence('" + table.name() + "', '" + column.name()
                            + "'), " + next + ", false)");
                } else {
                    statement.execute("ALTER TABLE " + quoted(table.name()) + " ALTER COLUMN " + quoted(column.name())
                            + " RESTART WITH " + next);
                }
            }
        }
    }
}
