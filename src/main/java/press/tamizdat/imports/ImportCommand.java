package press.tamizdat.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.platform.Language;

/**
 * {@code java -jar tamizdat.jar import wordpress export.xml} (or {@code ghost export.json}), with
 * {@code --uploads=<folder>}, {@code --old-site=<address>}, {@code --language=en|ru} and
 * {@code --section=<slug>}: runs the import in the foreground against the configured database,
 * prints its counts and report, and exits (1 when the export could not be read). The articles are
 * made in the name of the first admin.
 */
@Component
class ImportCommand implements ApplicationRunner {

    private final Importer importer;
    private final ImportRuns runs;
    private final StaffAccounts staff;
    private final ConfigurableApplicationContext context;

    ImportCommand(Importer importer, ImportRuns runs, StaffAccounts staff, ConfigurableApplicationContext context) {
        this.importer = importer;
        this.runs = runs;
        this.staff = staff;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        if (words.isEmpty() || !words.getFirst().equals("import")) {
            return;
        }
        int status = run(words, arguments);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    private int run(List<String> words, ApplicationArguments arguments) {
        if (words.size() != 3 || !List.of("wordpress", "ghost").contains(words.get(1))) {
            System.err.println("Usage: import wordpress <export.xml> | import ghost <export.json>"
                    + " [--uploads=<folder>] [--old-site=<address>] [--language=en|ru] [--section=<slug>]");
            return 2;
        }
        Path file = Path.of(words.get(2));
        if (!Files.isRegularFile(file)) {
            System.err.println("No such file: " + file);
            return 2;
        }
        var admin = staff.all().stream()
                .filter(member -> member.role() == Role.ADMIN)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No admin account yet: start the site once first"));
        String uploads = option(arguments, "uploads");
        String language = option(arguments, "language");
        String section = option(arguments, "section");
        var source = Importer.Source.valueOf(words.get(1).toUpperCase(Locale.ROOT));
        long run = importer.runNow(
                new Importer.Options(
                        source,
                        file,
                        file.getFileName().toString(),
                        uploads == null ? null : Path.of(uploads),
                        option(arguments, "old-site"),
                        language == null ? null : Language.fromCode(language).orElse(null),
                        section == null ? "news" : section),
                admin);
        var done =
                runs.latest(20).stream().filter(r -> r.id() == run).findFirst().orElseThrow();
        var counts = done.counts();
        System.out.printf(
                "Import %d (%s) in %.1f s: %d read, %d created, %d updated, %d unchanged, %d left out, %d pictures stored%n",
                run,
                done.state(),
                java.time.Duration.between(
                                        done.startedAt(),
                                        done.finishedAt() == null ? java.time.Instant.now() : done.finishedAt())
                                .toMillis()
                        / 1000.0,
                counts.seen(),
                counts.created(),
                counts.updated(),
                counts.unchanged(),
                counts.skipped(),
                counts.images());
        runs.notes(run).forEach(note -> System.out.println("  " + note.item() + ": " + note.note()));
        drain();
        if (done.failure() != null) {
            System.err.println(done.failure());
            return 1;
        }
        return 0;
    }

    /**
     * Waits for what follows each imported article (the search index, the mirror, the channels'
     * listeners, which run after the import's transactions) before the process ends, so nothing is
     * cut off half-way: until no event is waiting, or none has been handled for half a minute (a
     * listener that keeps failing is taken up again at the next start).
     */
    private void drain() {
        var db = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        long waiting = -1;
        long unchangedSince = System.nanoTime();
        long printedAt = 0;
        while (true) {
            long now = db.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
                    .query(Long.class)
                    .single();
            if (now == 0) {
                return;
            }
            if (now != waiting) {
                if (System.nanoTime() - printedAt
                        > java.time.Duration.ofSeconds(10).toNanos()) {
                    System.out.println("Waiting for " + now + " follow-up tasks (search index, mirror, channels)…");
                    printedAt = System.nanoTime();
                }
                waiting = now;
                unchangedSince = System.nanoTime();
            } else if (System.nanoTime() - unchangedSince
                    > java.time.Duration.ofSeconds(30).toNanos()) {
                System.out.println(now + " follow-up tasks did not finish; they are taken up again at the next start.");
                return;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static @org.jspecify.annotations.Nullable String option(ApplicationArguments arguments, String name) {
        var values = arguments.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
