package press.tamizdat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An in-memory H2 database (PostgreSQL mode) of a unit test's own, holding only the tables of the
 * given migrations, as they ship: for classes that keep their state in a few tables.
 */
public final class MigratedTables {

    private MigratedTables() {}

    /** {@code migrations}: paths under {@code src/main/resources/db/migration}, such as {@code platform/V3__….sql}. */
    public static JdbcClient of(String... migrations) {
        var db = JdbcClient.create(new DriverManagerDataSource(
                "jdbc:h2:mem:unit-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1"));
        for (String migration : migrations) {
            try {
                String script = Files.readString(Path.of("src/main/resources/db/migration", migration));
                for (String statement : script.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        db.sql(statement).update();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return db;
    }
}
