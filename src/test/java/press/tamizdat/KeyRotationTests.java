package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.platform.KeyRotation;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.Sealer;
import press.tamizdat.platform.TamizdatSettings;

/**
 * {@code keys rotate} on a populated installation (on the run's database, H2 or PostgreSQL): every
 * value sealed under the old keys opens under the new ones and under no other, and the site carries
 * on: the same staff sign in with the same authenticator, a supporter is found by their address, a
 * webhook keeps its secret. Keys a node takes from its environment are handed to the operator.
 */
class KeyRotationTests {

    static final String ADMIN = "chief@example.org";
    static final String PASSWORD = "four unrelated words here";
    static final String TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final List<String> KEYS =
            List.of("TAMIZDAT_CHANNELS_KEY", "TAMIZDAT_SECRET", "TAMIZDAT_SECURITY_KEY", "TAMIZDAT_SUPPORT_KEY");

    final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stop() {
        running.reversed().forEach(ConfigurableApplicationContext::close);
    }

    ConfigurableApplicationContext installation(String name, boolean quiet, String... more) {
        var arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--tamizdat.test.database-name=" + name,
                "--tamizdat.jobs.enabled=" + !quiet,
                "--tamizdat.admin.email=" + ADMIN,
                "--tamizdat.admin.password=" + PASSWORD,
                "--tamizdat.admin.totp-secret=" + TOTP));
        arguments.addAll(List.of(more));
        var context = new SpringApplicationBuilder(TamizdatApplication.class).run(arguments.toArray(String[]::new));
        running.add(context);
        return context;
    }

    @Test
    void afterARotationEverySealedValueOpensOnlyUnderTheNewKeysAndTheSiteCarriesOn() throws Exception {
        String name = UUID.randomUUID().toString();
        String supporter = "rotated-" + UUID.randomUUID() + "@example.org";
        String reminded = "reminded-" + UUID.randomUUID() + "@example.org";
        var site = installation(name, false);
        var browser = new HttpForms();
        pay(site, browser, supporter);
        var outbox = new TestOutbox(site.getBean(TamizdatSettings.class));
        outbox.first(supporter);
        Map<String, byte[]> before = keys(site);
        var db = site.getBean(JdbcClient.class);
        var oldEmails = new Sealer(before.get("TAMIZDAT_SUPPORT_KEY"), "email-sealing");
        db.sql("""
                        INSERT INTO reminder (email_sealed, email_index, due_at, language, frequency, amount, currency,
                                              created_at)
                        VALUES (:sealed, :index, CURRENT_TIMESTAMP, 'en', 'MONTHLY', '5', 'USD', CURRENT_TIMESTAMP)
                        """)
                .param("sealed", oldEmails.seal(reminded))
                .param("index", index(before.get("TAMIZDAT_SUPPORT_KEY"), reminded))
                .update();
        db.sql("""
                        INSERT INTO webhook_endpoint (url, description, secret, events, active, created_at)
                        VALUES ('https://partner.example.org/hook', 'partner', :secret, 'article.published', TRUE,
                                CURRENT_TIMESTAMP)
                        """)
                .param("secret", new Sealer(before.get("TAMIZDAT_CHANNELS_KEY"), "webhook-secrets").seal("whsec-kept"))
                .update();
        var sealedBefore = sealed(db);
        site.close();

        var command = installation(name, true);
        var rotation = command.getBean(KeyRotation.class);
        assertThatThrownBy(() -> rotation.rotate(List.of("TAMIZDAT_NO_SUCH_KEY")))
                .isInstanceOf(KeyRotation.Refused.class)
                .hasMessageContaining("TAMIZDAT_SUPPORT_KEY");
        var rotated = rotation.rotate(rotation.settings());
        command.close();

        assertThat(rotated).extracting(KeyRotation.Rotated::setting).containsExactlyElementsOf(KEYS);
        assertThat(rotated).noneMatch(KeyRotation.Rotated::setByOperator);
        assertThat(rotation.envFile()).doesNotExist();
        var again = installation(name, false);
        Map<String, byte[]> after = keys(again);
        for (String setting : KEYS) {
            assertThat(after.get(setting)).as(setting).isNotEqualTo(before.get(setting));
        }
        var db2 = again.getBean(JdbcClient.class);
        var sealedAfter = sealed(db2);
        assertThat(sealedAfter.keySet()).isEqualTo(sealedBefore.keySet());
        var newEmails = new Sealer(after.get("TAMIZDAT_SUPPORT_KEY"), "email-sealing");
        var newTotp = new Sealer(after.get("TAMIZDAT_SECURITY_KEY"), "totp-secrets");
        var newHooks = new Sealer(after.get("TAMIZDAT_CHANNELS_KEY"), "webhook-secrets");
        var oldTotp = new Sealer(before.get("TAMIZDAT_SECURITY_KEY"), "totp-secrets");
        var oldHooks = new Sealer(before.get("TAMIZDAT_CHANNELS_KEY"), "webhook-secrets");
        sealedAfter.forEach((place, value) -> {
            assertThat(value).as(place).isNotEqualTo(sealedBefore.get(place));
            Sealer[] pair = place.startsWith("staff_totp")
                    ? new Sealer[] {newTotp, oldTotp}
                    : place.startsWith("webhook")
                            ? new Sealer[] {newHooks, oldHooks}
                            : new Sealer[] {newEmails, oldEmails};
            assertThat(pair[0].open(value)).as(place).isEqualTo(pair[1].open(sealedBefore.get(place)));
            assertThatThrownBy(() -> pair[1].open(value)).as(place).isInstanceOf(IllegalStateException.class);
        });
        assertThat(newHooks.open(sealedAfter.get("webhook_endpoint"))).isEqualTo("whsec-kept");
        assertThat(db2.sql("SELECT email_index FROM reminder")
                        .query(String.class)
                        .single())
                .isEqualTo(index(after.get("TAMIZDAT_SUPPORT_KEY"), reminded));

        var staff = new HttpForms();
        assertThat(staff.signIn(again, again, ADMIN, PASSWORD, TOTP).headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/newsroom"));
        browser.post(again, "/support/manage/link", Map.of("email", supporter));
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.to(supporter).size() == 2);
        assertThat(outbox.to(supporter).get(1).getSubject()).startsWith("Your link to manage your support");
    }

    @Test
    void keysFromTheEnvironmentAreHandedToTheOperatorAndTheOldOnesNoLongerStartTheSite() throws Exception {
        String name = UUID.randomUUID().toString();
        String[] oldSettings = {
            "--tamizdat.secret=" + "a1".repeat(32),
            "--tamizdat.security.key=" + "b2".repeat(32),
            "--tamizdat.support.key=" + "c3".repeat(32),
            "--tamizdat.channels.key=" + "d4".repeat(32)
        };
        installation(name, true, oldSettings);
        var rotation = running.getLast().getBean(KeyRotation.class);

        var rotated = rotation.rotate(List.of("TAMIZDAT_SUPPORT_KEY"));
        running.removeLast().close();

        assertThat(rotated)
                .singleElement()
                .satisfies(key -> assertThat(key.setByOperator()).isTrue());
        Path env = rotation.envFile();
        assertThat(Files.getPosixFilePermissions(env)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var lines = Files.readAllLines(env, StandardCharsets.US_ASCII);
        assertThat(lines).singleElement().asString().matches("TAMIZDAT_SUPPORT_KEY=[0-9a-f]{64}");
        assertThatThrownBy(() -> installation(name, true, oldSettings))
                .hasStackTraceContaining("TAMIZDAT_SUPPORT_KEY (or support.key in the data directory) is not the key");
        String newKey = lines.getFirst().substring("TAMIZDAT_SUPPORT_KEY=".length());
        var settings = oldSettings.clone();
        settings[2] = "--tamizdat.support.key=" + newKey;
        var site = installation(name, false, settings);
        assertThat(new HttpForms().get(site, "/").statusCode()).isEqualTo(200);
    }

    private static void pay(ConfigurableApplicationContext site, HttpForms browser, String email) throws Exception {
        var started = browser.post(site, "/support", Map.of("frequency", "monthly", "custom", "7", "currency", "USD"));
        String checkout = URI.create(started.headers().firstValue("Location").orElseThrow())
                .getPath();
        assertThat(checkout).startsWith("/support/test-checkout/");
        var paid = browser.post(site, checkout, Map.of("outcome", "succeed", "email", email));
        assertThat(paid.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/support/thanks"));
    }

    private static Map<String, byte[]> keys(ConfigurableApplicationContext context) {
        var keys = new TreeMap<String, byte[]>();
        context.getBean(Keys.class).loaded().forEach((setting, key) -> keys.put(setting, key.key()));
        assertThat(keys.keySet()).containsExactlyElementsOf(KEYS);
        return keys;
    }

    /** Every sealed value the rotation must seal again, by where it is. */
    private static Map<String, String> sealed(JdbcClient db) {
        var sealed = new TreeMap<String, String>();
        db.sql("SELECT staff_id, secret FROM staff_totp")
                .query((rs, n) -> sealed.put("staff_totp " + rs.getLong(1), rs.getString(2)))
                .list();
        db.sql("SELECT id, email_sealed FROM supporter")
                .query((rs, n) -> sealed.put("supporter " + rs.getLong(1), rs.getString(2)))
                .list();
        db.sql("SELECT id, email_sealed FROM reminder")
                .query((rs, n) -> sealed.put("reminder " + rs.getLong(1), rs.getString(2)))
                .list();
        db.sql("SELECT secret FROM webhook_endpoint")
                .query((rs, n) -> sealed.put("webhook_endpoint", rs.getString(1)))
                .list();
        assertThat(sealed.keySet()).anyMatch(place -> place.startsWith("staff_totp"));
        assertThat(sealed.keySet()).anyMatch(place -> place.startsWith("supporter"));
        return sealed;
    }

    private static String index(byte[] supportKey, String email) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Sealer.derive(supportKey, "email-index"), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(email.getBytes(StandardCharsets.UTF_8)));
    }
}
