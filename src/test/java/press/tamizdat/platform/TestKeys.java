package press.tamizdat.platform;

import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link Keys} over a test's own database (one with the key_fingerprint table). */
public final class TestKeys {

    private TestKeys() {}

    public static Keys keys(JdbcClient db) {
        return new Keys(db);
    }
}
