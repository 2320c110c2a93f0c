package press.tamizdat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Looks through every text column of every table of the application's schema, as the database
 * itself lists them, so a table added tomorrow is searched too without anyone adding it here.
 */
public final class DatabaseScan {

    /** A column of a table that holds text. */
    public record Column(String table, String column) {
        @Override
        public String toString() {
            return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
        }
    }

    private DatabaseScan() {}

    /** Every column of the schema's tables that can hold text (character types, text, CLOB, JSON). */
    public static List<Column> textColumns(JdbcClient db) {
        return db
                .sql("""
                        SELECT c.table_name, c.column_name, c.data_type
                        FROM information_schema.columns c
                        JOIN information_schema.tables t
                          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = CURRENT_SCHEMA AND t.table_type IN ('BASE TABLE', 'TABLE')
                        ORDER BY c.table_name, c.column_name
                        """)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list()
                .stream()
                .filter(row -> isText(row[2]))
                .map(row -> new Column(row[0], row[1]))
                .toList();
    }

    /** Every table of the schema. */
    public static List<String> tables(JdbcClient db) {
        return db.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = CURRENT_SCHEMA AND table_type IN ('BASE TABLE', 'TABLE')
                        ORDER BY table_name
                        """).query(String.class).list().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** The columns of one table, lower case, in the order the database gives them. */
    public static List<String> columns(JdbcClient db, String table) {
        return db.sql("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) = :table
                        ORDER BY ordinal_position
                        """).param("table", table.toLowerCase(Locale.ROOT)).query(String.class).list().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** The columns where some row contains {@code needle}, ignoring case. */
    public static List<Column> columnsContaining(JdbcClient db, String needle) {
        var found = new ArrayList<Column>();
        for (var column : textColumns(db)) {
            long rows = db.sql("SELECT COUNT(*) FROM \"" + column.table() + "\" WHERE LOWER(CAST(\"" + column.column()
                            + "\" AS VARCHAR)) LIKE :needle")
                    .param("needle", "%" + needle.toLowerCase(Locale.ROOT) + "%")
                    .query(Long.class)
                    .single();
            if (rows > 0) {
                found.add(column);
            }
        }
        return found;
    }

    /** The binary columns (job data, say) where some row holds {@code needle}'s UTF-8 bytes. */
    public static List<Column> binaryColumnsContaining(JdbcClient db, String needle) {
        byte[] wanted = needle.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var found = new ArrayList<Column>();
        var binary = db
                .sql("""
                        SELECT c.table_name, c.column_name, c.data_type
                        FROM information_schema.columns c
                        JOIN information_schema.tables t
                          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = CURRENT_SCHEMA AND t.table_type IN ('BASE TABLE', 'TABLE')
                        """)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list()
                .stream()
                .filter(row -> {
                    String t = row[2].toLowerCase(Locale.ROOT);
                    return t.contains("binary") || t.contains("blob") || t.contains("bytea");
                })
                .map(row -> new Column(row[0], row[1]))
                .toList();
        for (var column : binary) {
            var values = db.sql("SELECT \"" + column.column() + "\" FROM \"" + column.table() + "\"")
                    .query((rs, n) -> rs.getBytes(1))
                    .list();
            if (values.stream().anyMatch(value -> value != null && indexOf(value, wanted) >= 0)) {
                found.add(column);
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean isText(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.contains("char") || t.contains("text") || t.contains("clob") || t.contains("json");
    }
}
