package press.tamizdat.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import press.tamizdat.MigratedTables;
import press.tamizdat.StandingClock;

/** Per-network allowances counted in one database by every node, on a clock the test moves. */
class NetworkAllowancesTests {

    final StandingClock clock = new StandingClock(Instant.parse("2026-12-02T10:00:00Z"));
    final JdbcClient db = MigratedTables.of("platform/V2__create_network_counts.sql");

    static MockHttpServletRequest from(String address) {
        var request = new MockHttpServletRequest("POST", "/newsletter/signup");
        request.setRemoteAddr(address);
        return request;
    }

    @Test
    void requestsThroughTwoNodesCountAgainstOneAllowance() {
        var first = new NetworkAllowances(db, clock).perMinute("signup", 10);
        var second = new NetworkAllowances(db, clock).perMinute("signup", 10);

        for (int i = 0; i < 5; i++) {
            assertThat(first.take(from("198.51.100." + i))).isTrue();
            assertThat(second.take(from("198.51.100." + (100 + i)))).isTrue();
        }

        assertThat(first.take(from("198.51.100.7"))).isFalse();
        assertThat(second.take(from("198.51.100.8"))).isFalse();
        assertThat(first.take(from("203.0.113.1"))).isTrue();
    }

    @Test
    void aBurstAcrossTheTurnOfAMinuteIsCountedWhole() {
        var signups = new NetworkAllowances(db, clock).perMinute("signup", 10);
        clock.set(Instant.parse("2026-12-02T10:00:55Z"));
        for (int i = 0; i < 10; i++) {
            assertThat(signups.take(from("198.51.100.1"))).isTrue();
        }

        clock.set(Instant.parse("2026-12-02T10:01:05Z"));

        assertThat(signups.take(from("198.51.100.1"))).isFalse();
        clock.set(Instant.parse("2026-12-02T10:02:10Z"));
        assertThat(signups.take(from("198.51.100.1"))).isTrue();
    }

    @Test
    void eachKindOfRequestHasItsOwnAllowance() {
        var allowances = new NetworkAllowances(db, clock);
        var signups = allowances.perMinute("signup", 1);
        var checkouts = allowances.perMinute("checkout", 1);

        assertThat(signups.take(from("198.51.100.1"))).isTrue();
        assertThat(checkouts.take(from("198.51.100.1"))).isTrue();
        assertThat(signups.take(from("198.51.100.2"))).isFalse();
    }

    @Test
    void theDatabaseKeepsNoNetworkAndForgetsCountsTwoMinutesOn() {
        var signups = new NetworkAllowances(db, clock).perMinute("signup", 10);
        signups.take(from("198.51.100.1"));

        assertThat(db.sql("SELECT mark FROM network_count").query(String.class).list())
                .singleElement()
                .asString()
                .doesNotContain("198.51.100")
                .hasSize(64);

        clock.advance(Duration.ofMinutes(2));
        signups.take(from("203.0.113.1"));
        assertThat(db.sql("SELECT count(*) FROM network_count")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
