package press.tamizdat.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The packaged application as an operator runs it: a separate {@code java -jar} process on its
 * own port and data directory, with readers' requests arriving while it starts.
 */
final class PackagedApplication implements AutoCloseable {

    /** The pages readers ask for while the application starts: rendered, cached, searched, fed. */
    static final List<String> READERS_PATHS =
            List.of("/", "/support", "/rss.xml", "/search?q=press", "/lite", "/newsletter", "/actuator/health");

    final Process process;
    final int port;
    final Path log;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(java.util.concurrent.Executors.newCachedThreadPool())
            .build();
    private final AtomicBoolean readersGone = new AtomicBoolean();
    private final List<Thread> readers = new ArrayList<>();
    final AtomicInteger answered = new AtomicInteger();

    private PackagedApplication(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The jar {@code ./mvnw package} built; the tests that use it run after packaging. */
    static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("tamizdat-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/tamizdat-*.jar: run ./mvnw verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Extracts the jar as the README's production command does, and returns the jar to run. */
    static Path extract(Path jar, Path destination) throws Exception {
        var extracting = new ProcessBuilder(
                        java(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        destination.toString())
                .redirectErrorStream(true)
                .redirectOutput(destination.resolveSibling("extract.log").toFile())
                .start();
        if (!extracting.waitFor(2, TimeUnit.MINUTES) || extracting.exitValue() != 0) {
            throw new IllegalStateException(
                    "extracting failed: " + Files.readString(destination.resolveSibling("extract.log")));
        }
        return destination.resolve(jar.getFileName());
    }

    /** Starts {@code java <options> -jar <jar>} with a fresh port in the given data directory. */
    static PackagedApplication start(Path jar, Path dataDir, Map<String, String> environment, String... options)
            throws IOException {
        int port = freePort();
        var command = new ArrayList<String>();
        command.add(java());
        command.add("-Xmx512m");
        // the quick compiler only: these tests start the application often, on two cores
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TAMIZDAT_DATA_DIR", dataDir.toString());
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        return new PackagedApplication(builder.start(), port, log);
    }

    /** Readers ask for pages without pause, a few at once, until {@link #close()}; refused connections included. */
    void readersArrive(int atOnce) {
        for (int i = 0; i < atOnce; i++) {
            int first = i;
            readers.add(Thread.ofPlatform().daemon().start(() -> {
                for (int n = first; !readersGone.get(); n++) {
                    if (get(READERS_PATHS.get(n % READERS_PATHS.size())) < 0) {
                        pause();
                    }
                }
            }));
        }
    }

    /** Waits until the health check answers UP; false if it did not within the time given. */
    boolean awaitUp(Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until && process.isAlive()) {
            try {
                var health = http.send(request("/actuator/health"), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause();
        }
        return false;
    }

    /** The status a page answers with, or -1 when the application did not answer. */
    int get(String path) {
        try {
            int status = http.send(request(path), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            answered.incrementAndGet();
            return status;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends SIGTERM, as a service manager stops a service, and waits at most the time given for the exit. */
    boolean stop(Duration within) throws InterruptedException {
        readersGone.set(true);
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every thread of a process that will not start or stop, virtual ones included, for the failure message. */
    String threadDump() {
        try {
            Path dump = log.resolveSibling(log.getFileName() + ".threads");
            new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(process.pid()),
                            "Thread.dump_to_file",
                            "-overwrite",
                            dump.toString())
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
            return Files.exists(dump) ? Files.readString(dump) : "(no thread dump)";
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump)";
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        readersGone.set(true);
        process.destroyForcibly();
        http.close();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
