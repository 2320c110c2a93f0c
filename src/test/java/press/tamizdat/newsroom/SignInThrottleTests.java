package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import press.tamizdat.MigratedTables;
import press.tamizdat.StandingClock;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.platform.TestKeys;

/** The sign-in throttle's arithmetic, on a clock the test moves. */
class SignInThrottleTests {

    static final String TOR_EXIT = "185.220.101.7";

    @TempDir
    Path dataDir;

    final StandingClock clock = new StandingClock(Instant.parse("2026-11-27T10:00:00Z"));

    /** The throttle's tables, in a database of the test's own (as every node shares the site's). */
    final JdbcClient db =
            MigratedTables.of("newsroom/V8__create_sign_in_failures.sql", "platform/V3__create_key_fingerprints.sql");

    /** Loads the newsroom's key as every node does, against the same database. */
    final Keys keys = TestKeys.keys(db);

    SignInThrottle throttle(int pair, int account, int client) {
        var throttle = new SecuritySettings.Throttle(
                pair, account, client, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofHours(1));
        var settings =
                new SecuritySettings("", Duration.ofHours(12), Duration.ofMinutes(10), Duration.ofHours(72), throttle);
        var tamizdat = new TamizdatSettings(
                dataDir,
                false,
                new TamizdatSettings.Site(
                        "Test", java.net.URI.create("http://localhost"), ZoneOffset.UTC, Locale.ENGLISH, null),
                "",
                new TamizdatSettings.Jobs(Duration.ofSeconds(10), true));
        return new SignInThrottle(
                settings,
                new NewsroomKeys(tamizdat, settings, keys),
                clock,
                db,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    @Test
    void attemptsWithinTheAllowanceGoAheadAtOnce() {
        var throttle = throttle(5, 20, 50);

        for (int i = 0; i < 4; i++) {
            throttle.failed("editor@example.org", TOR_EXIT);
        }

        assertThat(throttle.waitFor("editor@example.org", TOR_EXIT)).isZero();
    }

    @Test
    void eachFailurePastTheAllowanceDoublesTheWaitUpToTheLimit() {
        var throttle = throttle(5, 1000, 1000);

        for (int i = 0; i < 5; i++) {
            throttle.failed("editor@example.org", TOR_EXIT);
        }
        assertThat(throttle.waitFor("editor@example.org", TOR_EXIT)).isEqualTo(Duration.ofSeconds(2));
        throttle.failed("editor@example.org", TOR_EXIT);
        assertThat(throttle.waitFor("editor@example.org", TOR_EXIT)).isEqualTo(Duration.ofSeconds(4));
        throttle.failed("editor@example.org", TOR_EXIT);
        assertThat(throttle.waitFor("editor@example.org", TOR_EXIT)).isEqualTo(Duration.ofSeconds(8));
        for (int i = 0; i < 20; i++) {
            throttle.failed("editor@example.org", TOR_EXIT);
        }
        assertThat(throttle.waitFor("editor@example.org", TOR_EXIT)).isEqualTo(Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.waitFor("editor@example.org", TOR_EXIT)).isZero();
    }

    @Test
    void anUnknownAddressIsSlowedExactlyLikeARealOne() {
        var throttle = throttle(5, 20, 50);

        for (int i = 0; i < 7; i++) {
            throttle.failed("editor@example.org", TOR_EXIT);
            throttle.failed("nobody-here@example.org", TOR_EXIT);
        }

        assertThat(throttle.waitFor("nobody-here@example.org", TOR_EXIT))
                .isEqualTo(throttle.waitFor("editor@example.org", TOR_EXIT))
                .isPositive();
    }

    @Test
    void guessingAtOneAccountThroughTorDoesNotSlowColleaguesOnTheSameExit() {
        var throttle = throttle(5, 20, 50);

        for (int i = 0; i < 200; i++) {
            throttle.failed("target@example.org", TOR_EXIT);
        }

        assertThat(throttle.waitFor("target@example.org", TOR_EXIT)).isPositive();
        assertThat(throttle.waitFor("colleague@example.org", TOR_EXIT)).isZero();
        assertThat(throttle.waitFor("colleague@example.org", "185.220.101.99")).isZero();
    }

    @Test
    void anAccountGuessedAtFromManyNetworksIsSlowedEverywhere() {
        var throttle = throttle(5, 20, 50);

        for (int i = 0; i < 20; i++) {
            throttle.failed("target@example.org", "10.0." + i + ".1");
        }

        assertThat(throttle.waitFor("target@example.org", "192.0.2.1")).isPositive();
    }

    @Test
    void manyAccountsTriedFromOneNetworkSlowThatNetworkForNewAddresses() {
        var throttle = throttle(5, 20, 10);

        for (int i = 0; i < 12; i++) {
            throttle.failed("sprayed-" + i + "@example.org", TOR_EXIT);
        }

        assertThat(throttle.waitFor("sprayed-99@example.org", TOR_EXIT)).isPositive();
        assertThat(throttle.waitFor("sprayed-99@example.org", "192.0.2.1")).isZero();
    }

    @Test
    void afterSprayingGuessingAtOneAccountDoesNotSlowTheNetworkFurther() {
        var throttle = throttle(5, 20, 10);
        for (int i = 0; i < 12; i++) {
            throttle.failed("sprayed-" + i + "@example.org", TOR_EXIT);
        }
        Duration afterSpraying = throttle.waitFor("colleague@example.org", TOR_EXIT);

        for (int i = 0; i < 100; i++) {
            throttle.failed("sprayed-0@example.org", TOR_EXIT);
        }

        assertThat(throttle.waitFor("colleague@example.org", TOR_EXIT)).isEqualTo(afterSpraying);
    }

    @Test
    void failuresOnEveryNodeCountTogether() {
        var first = throttle(5, 20, 50);
        var second = throttle(5, 20, 50);

        for (int i = 0; i < 3; i++) {
            first.failed("editor@example.org", TOR_EXIT);
            second.failed("editor@example.org", TOR_EXIT);
        }

        assertThat(first.waitFor("editor@example.org", TOR_EXIT)).isEqualTo(Duration.ofSeconds(4));
        assertThat(second.waitFor("editor@example.org", TOR_EXIT)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void countsQuietForAnHourAreForgotten() {
        var throttle = throttle(5, 20, 50);
        for (int i = 0; i < 8; i++) {
            throttle.failed("editor@example.org", TOR_EXIT);
        }

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        throttle.forgetQuiet();

        assertThat(db.sql("SELECT count(*) FROM sign_in_failure")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(db.sql("SELECT count(*) FROM sign_in_client_account")
                        .query(Integer.class)
                        .single())
                .isZero();
        throttle.failed("editor@example.org", TOR_EXIT);
        assertThat(throttle.waitFor("editor@example.org", TOR_EXIT)).isZero();
    }

    @Test
    void aFullSignInStartsThePairsCountAgain() {
        var throttle = throttle(5, 20, 50);
        for (int i = 0; i < 5; i++) {
            throttle.failed("editor@example.org", TOR_EXIT);
        }

        throttle.succeeded("editor@example.org", TOR_EXIT);

        assertThat(throttle.waitFor("editor@example.org", TOR_EXIT)).isZero();
    }
}
