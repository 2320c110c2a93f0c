package press.tamizdat.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application starts while readers are already asking for pages, every time, and
 * stops on SIGTERM within its deadline, whatever it was doing. Runs after {@code package} (Maven's
 * failsafe plugin), against the jar an operator deploys.
 *
 * <p>Virtual threads get one carrier ({@code jdk.virtualThreadScheduler.parallelism=1}): the
 * hang this guards against needs every carrier pinned, which one carrier makes likeliest.
 */
class StartAndStopTests {

    static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";
    static final Duration START_LIMIT = Duration.ofMinutes(3);
    /** The default {@code tamizdat.shutdown-deadline} with a margin for the JVM's own exit. */
    static final Duration STOP_LIMIT = Duration.ofSeconds(70);

    static final int STARTS = 4;
    /** The JVM's status after SIGTERM when every shutdown hook finished (128 + 15). */
    static final int STOPPED_BY_SIGTERM = 143;
    /** The status of a process {@code Launch} halted at its shutdown deadline. */
    static final int HALTED = 3;

    static final int READERS_AT_ONCE = 6;

    /** Kept when a test fails: each run's output is beside its data directory. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    static Path packaged;
    static Path extracted;

    @BeforeAll
    static void extract() throws Exception {
        packaged = PackagedApplication.jar().toAbsolutePath();
        extracted = PackagedApplication.extract(packaged, work.resolve("app"));
    }

    @Test
    void extractedApplicationStartsWhileReadersArriveEveryTimeAndStopsGracefully() throws Exception {
        // the first start seeds the demo content; the others start over it, as a restart does
        Path data = Files.createDirectory(work.resolve("extracted"));
        for (int start = 1; start <= STARTS; start++) {
            try (var app = PackagedApplication.start(extracted, data, Map.of(), ONE_CARRIER)) {
                startsAndStops(app, "start " + start);
                assertThat(app.output()).doesNotContain("platform threads");
            }
        }
    }

    @Test
    void unextractedJarServesOnPlatformThreadsAndSaysWhy() throws Exception {
        Path data = Files.createDirectory(work.resolve("unextracted"));
        try (var app = PackagedApplication.start(packaged, data, Map.of(), ONE_CARRIER)) {
            startsAndStops(app, "the unextracted jar");
            assertThat(app.output())
                    .contains("requests are served on platform threads")
                    .contains("-Djarmode=tools");
        }
    }

    @Test
    void aJobThatNeverEndsDoesNotHoldUpTheStop() throws Exception {
        Path data = Files.createDirectory(work.resolve("stuck-job"));
        int debugging = PackagedApplication.freePort();
        try (var app = PackagedApplication.start(
                        extracted, data, Map.of("TAMIZDAT_DEMO", "false"), ONE_CARRIER, Debugger.agent(debugging));
                var debugger = Debugger.attach(debugging)) {
            assertThat(app.awaitUp(START_LIMIT)).isTrue();
            // the mirror's update job looks at the copy every second; its thread now hangs there
            debugger.holdFirstThreadIn("press.tamizdat.reach.StaticMirror", "failedRecently");
            assertThat(debugger.holdsAThread(Duration.ofSeconds(30))).isTrue();

            boolean stopped = app.stop(STOP_LIMIT);

            assertThat(stopped)
                    .as("stopped within %s of SIGTERM; threads:%n%s", STOP_LIMIT, stopped ? "" : app.threadDump())
                    .isTrue();
            assertThat(app.process.exitValue()).as("a graceful stop").isEqualTo(STOPPED_BY_SIGTERM);
        }
    }

    @Test
    void aStopThatHangsIsHaltedAtTheDeadline() throws Exception {
        Path data = Files.createDirectory(work.resolve("stuck-stop"));
        int debugging = PackagedApplication.freePort();
        var deadline = Duration.ofSeconds(15);
        try (var app = PackagedApplication.start(
                        extracted,
                        data,
                        Map.of("TAMIZDAT_DEMO", "false", "TAMIZDAT_SHUTDOWN_DEADLINE", deadline.toSeconds() + "s"),
                        ONE_CARRIER,
                        Debugger.agent(debugging));
                var debugger = Debugger.attach(debugging)) {
            assertThat(app.awaitUp(START_LIMIT)).isTrue();
            // closing the database pool is the stop's last step; the thread that stops the application now hangs there
            debugger.holdFirstThreadIn("com.zaxxer.hikari.HikariDataSource", "close");

            boolean stopped = app.stop(deadline.plusSeconds(10));

            assertThat(debugger.holdsAThread(Duration.ZERO)).as("the stop hung").isTrue();
            assertThat(stopped).as("ended within the deadline").isTrue();
            assertThat(app.process.exitValue()).as("halted").isEqualTo(HALTED);
            assertThat(app.output()).contains("Still stopping 15 s after the signal; halting");
        }
    }

    private static void startsAndStops(PackagedApplication app, String which) throws Exception {
        app.readersArrive(READERS_AT_ONCE);

        boolean up = app.awaitUp(START_LIMIT);

        assertThat(up)
                .as(
                        "%s: healthy within %s while readers asked for pages; threads:%n%s",
                        which, START_LIMIT, up ? "" : app.threadDump())
                .isTrue();
        assertThat(app.get("/support")).as("%s: the contribution page", which).isEqualTo(200);
        assertThat(app.get("/")).as("%s: the front page", which).isEqualTo(200);
        boolean stopped = app.stop(STOP_LIMIT);
        assertThat(stopped)
                .as(
                        "%s: stopped within %s of SIGTERM; threads:%n%s",
                        which, STOP_LIMIT, stopped ? "" : app.threadDump())
                .isTrue();
        assertThat(app.process.exitValue())
                .as("%s: a graceful stop, not a halt", which)
                .isEqualTo(STOPPED_BY_SIGTERM);
    }
}
