package press.tamizdat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test application context a database of its own and an empty data directory.
 *
 * <p>By default that is an in-memory H2 database in PostgreSQL mode. When the build runs with
 * {@code -Dtamizdat.test.database=postgres} (the {@code postgres} Maven profile, which CI turns on),
 * it is a fresh schema in the PostgreSQL database named by {@code TAMIZDAT_TEST_POSTGRES_URL} —
 * so the whole suite runs once on H2 and once on PostgreSQL.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        // a test that restarts the application names its database, so the second start finds the first one's data
        String requested = environment.getProperty("tamizdat.test.database-name");
        String name = "t"
                + (requested == null ? UUID.randomUUID().toString() : requested)
                        .replace("-", "")
                        .substring(0, 16);
        var properties = new HashMap<String, Object>();
        // two nodes of one site share the database, not the data directory (search index, media, mirror)
        String node = environment.getProperty("tamizdat.test.node", "");
        properties.put(
                "tamizdat.data-dir",
                Path.of("target", "test-data", name + (node.isEmpty() ? "" : "-" + node))
                        .toAbsolutePath()
                        .toString());
        properties.put("tamizdat.demo", "false");
        // the static mirror reads the site over HTTP: only the tests about it turn it on
        properties.put("tamizdat.reach.mirror.enabled", "false");
        properties.put("tamizdat.jobs.polling-interval", "1s");
        // many application contexts stay cached during a run, each with its own pool: keep few
        // connections open per context, or PostgreSQL runs out of its 100
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("spring.datasource.hikari.idle-timeout", "10000");
        // a test about several nodes asks for PostgreSQL (tamizdat.test.database=postgres) whatever the run's database
        if (onPostgres() || "postgres".equals(environment.getProperty("tamizdat.test.database"))) {
            String url = System.getProperty("tamizdat.test.postgres.url", "");
            properties.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name);
            properties.put("spring.datasource.username", System.getProperty("tamizdat.test.postgres.username", ""));
            properties.put("spring.datasource.password", System.getProperty("tamizdat.test.postgres.password", ""));
            properties.put("spring.flyway.default-schema", name);
            properties.put("spring.flyway.schemas", name);
            properties.put("spring.flyway.create-schemas", "true");
        } else {
            properties.put(
                    "spring.datasource.url",
                    "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        if (!context.getBeanFactory().containsSingleton("sessionCookies")) {
            context.getBeanFactory().registerSingleton("sessionCookies", new SessionCookies());
        }
        var source = new MapPropertySource("tamizdat-test-database", properties);
        var sources = environment.getPropertySources();
        // tests may still override any of these with @SpringBootTest(properties = ...)
        if (sources.contains(INLINED_TEST_PROPERTIES)) {
            sources.addAfter(INLINED_TEST_PROPERTIES, source);
        } else {
            sources.addFirst(source);
        }
    }

    /** Whether a PostgreSQL database for tests is configured (CI's runs have one, on H2 as well). */
    public static boolean postgresAvailable() {
        return !System.getProperty("tamizdat.test.postgres.url", "").isBlank();
    }

    public static boolean onPostgres() {
        return System.getProperty("tamizdat.test.database", "h2")
                .toLowerCase(Locale.ROOT)
                .equals("postgres");
    }
}
