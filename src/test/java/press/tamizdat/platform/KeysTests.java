package press.tamizdat.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.MigratedTables;

/** Every node loads the keys the site's data was sealed with, or stops saying which setting differs. */
class KeysTests {

    static final String ONE = "11".repeat(32);
    static final String OTHER = "22".repeat(32);

    @TempDir
    Path firstNode;

    @TempDir
    Path secondNode;

    final JdbcClient db = MigratedTables.of("platform/V3__create_key_fingerprints.sql");

    @Test
    void nodesWithTheSameKeyStartAndTheDatabaseKeepsOnlyAFingerprint() {
        byte[] first = new Keys(db).load("TAMIZDAT_SUPPORT_KEY", ONE, firstNode.resolve("support.key"));
        byte[] second = new Keys(db).load("TAMIZDAT_SUPPORT_KEY", ONE, secondNode.resolve("support.key"));

        assertThat(second).isEqualTo(first);
        assertThat(db.sql("SELECT fingerprint FROM key_fingerprint")
                        .query(String.class)
                        .single())
                .hasSize(64)
                .doesNotContain(ONE.substring(0, 8));
    }

    @Test
    void aNodeWithAnotherKeyStopsNamingTheSetting() {
        new Keys(db).load("TAMIZDAT_SUPPORT_KEY", ONE, firstNode.resolve("support.key"));

        assertThatThrownBy(() -> new Keys(db).load("TAMIZDAT_SUPPORT_KEY", OTHER, secondNode.resolve("support.key")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TAMIZDAT_SUPPORT_KEY")
                .hasMessageContaining("every node of a site needs the same");
    }

    @Test
    void aSecondNodeWithoutTheSettingMakesAKeyFileOfItsOwnAndStops() {
        new Keys(db).load("TAMIZDAT_SECRET", "", firstNode.resolve("secret.key"));

        assertThatThrownBy(() -> new Keys(db).load("TAMIZDAT_SECRET", "", secondNode.resolve("secret.key")))
                .hasMessageContaining("secret.key")
                .hasMessageContaining("TAMIZDAT_SECRET");
    }
}
