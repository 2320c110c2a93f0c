package press.tamizdat.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the application so that it always starts and always stops. Two guards, both decided once
 * the configuration is read:
 *
 * <ul>
 *   <li>Run straight from the packaged jar, classes come through Spring Boot's nested-jar loader,
 *       whose locks can starve virtual threads: requests arriving during start-up pin both carrier
 *       threads of a two-core machine while the thread holding the lock waits for a carrier, and
 *       the process hangs for ever. There the application uses platform threads and says so; the
 *       extracted layout (the README's production command) keeps virtual threads.
 *   <li>A stop (SIGTERM) ends within {@code tamizdat.shutdown-deadline} (60 seconds unless set):
 *       requests get their graceful period and jobs theirs, and a process still not gone by the
 *       deadline is halted rather than left for {@code kill -9}.
 * </ul>
 */
public final class Launch {

    static final String VIRTUAL_THREADS = "spring.threads.virtual.enabled";
    static final String SHUTDOWN_DEADLINE = "tamizdat.shutdown-deadline";
    static final Duration DEFAULT_SHUTDOWN_DEADLINE = Duration.ofSeconds(60);
    /** The exit status of a process halted at its deadline. */
    static final int HALTED = 3;

    private static final Logger log = LoggerFactory.getLogger(Launch.class);

    /** The first words that make the run a command: it does its work and exits. */
    static final java.util.Set<String> COMMANDS = java.util.Set.of("import", "media", "backup", "restore", "keys");

    /** Commands that read or replace the whole database or its keys: no job may change it meanwhile. */
    static final java.util.Set<String> QUIET_COMMANDS = java.util.Set.of("backup", "restore", "keys");

    private Launch() {}

    /** Runs the application with both guards. */
    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        var app = new SpringApplication(application);
        app.addListeners(new Guards());
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            // a command (java -jar tamizdat.jar import …) runs and exits: its web server takes any
            // free port rather than the site's, and it writes no mirror: the changes it makes are
            // noted in the database for the site's mirror job, and a mirror update cut off by the
            // command's exit would be interrupted in the middle of its database writes
            args = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(args),
                            java.util.stream.Stream.of("--server.port=0", "--tamizdat.reach.mirror.enabled=false"))
                    .toArray(String[]::new);
            if (QUIET_COMMANDS.contains(args[0])) {
                // no jobs, no demo articles in an empty database, no first admin: the backup's are restored
                args = java.util.stream.Stream.concat(
                                java.util.Arrays.stream(args),
                                java.util.stream.Stream.of("--tamizdat.jobs.enabled=false", "--tamizdat.demo=false"))
                        .toArray(String[]::new);
            }
        }
        return app.run(args);
    }

    /** Whether classes are loaded by Spring Boot's nested-jar loader, i.e. the packaged jar runs unextracted. */
    static boolean fromNestedJar(ClassLoader loader) {
        for (Class<?> type = loader.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().startsWith("org.springframework.boot.loader.")) {
                return true;
            }
        }
        return false;
    }

    private static final class Guards implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
        private final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            var environment = event.getEnvironment();
            if (fromNestedJar(Launch.class.getClassLoader())) {
                usePlatformThreads(environment);
            }
            var deadline = environment.getProperty(SHUTDOWN_DEADLINE, Duration.class, DEFAULT_SHUTDOWN_DEADLINE);
            if (armed.compareAndSet(false, true)) {
                Runtime.getRuntime()
                        .addShutdownHook(
                                Thread.ofPlatform().name("shutdown-deadline").unstarted(() -> haltAfter(deadline)));
            }
        }

        private static void usePlatformThreads(ConfigurableEnvironment environment) {
            if (environment.getProperty(VIRTUAL_THREADS, Boolean.class, false)) {
                environment
                        .getPropertySources()
                        .addFirst(new MapPropertySource("nested-jar-loader", Map.of(VIRTUAL_THREADS, false)));
                log.warn("Running from the packaged jar without extracting it: requests are served on platform"
                        + " threads, because the nested-jar class loader can starve virtual threads at"
                        + " start-up. Extract it once (java -Djarmode=tools -jar tamizdat.jar extract) and"
                        + " run the extracted jar, as the README shows.");
            }
        }

        /**
         * Watches the other shutdown hooks (Spring's closes the application) from a daemon thread, so
         * this hook itself returns at once and a normal stop is not delayed; the JVM ends the watcher
         * when the last hook is done.
         */
        private static void haltAfter(Duration deadline) {
            Thread.ofPlatform().daemon().name("shutdown-deadline").start(() -> {
                try {
                    Thread.sleep(deadline);
                } catch (InterruptedException e) {
                    return;
                }
                log.error("Still stopping {} s after the signal; halting", deadline.toSeconds());
                Runtime.getRuntime().halt(HALTED);
            });
        }
    }
}
