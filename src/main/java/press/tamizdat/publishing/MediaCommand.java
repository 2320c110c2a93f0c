package press.tamizdat.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;

/**
 * {@code java -jar tamizdat.jar media to-bucket}: copies every picture of the media folder into the
 * media bucket ({@code TAMIZDAT_MEDIA_BUCKET}), skipping what the bucket holds already, so it can be
 * run again after an interruption; then prints the counts and exits. The folder is left as it was,
 * for the operator to remove once the site serves from the bucket.
 */
@Component
class MediaCommand implements ApplicationRunner {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

    private final MediaLibrary library;
    private final TamizdatSettings settings;
    private final ConfigurableApplicationContext context;

    MediaCommand(MediaLibrary library, TamizdatSettings settings, ConfigurableApplicationContext context) {
        this.library = library;
        this.settings = settings;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        if (words.isEmpty() || !words.getFirst().equals("media")) {
            return;
        }
        int status = run(words);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    private int run(List<String> words) {
        if (words.size() != 2 || !words.get(1).equals("to-bucket")) {
            System.err.println("Usage: media to-bucket");
            return 2;
        }
        if (!(library.store() instanceof MediaBucket bucket)) {
            System.err.println("No media bucket is set: set TAMIZDAT_MEDIA_BUCKET (and its endpoint and keys)");
            return 2;
        }
        var moved = moveToBucket(bucket);
        System.out.printf(
                "Media moved into the bucket: %d files copied, %d there already%n", moved.copied(), moved.present());
        return 0;
    }

    /** What a move did: files copied, and files the bucket held already. */
    record Moved(int copied, int present) {}

    Moved moveToBucket(MediaBucket bucket) {
        Path folder = MediaLibrary.folder(settings);
        int copied = 0;
        int present = 0;
        try (Stream<Path> pictures = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            for (Path picture : pictures.sorted().toList()) {
                String key = picture.getFileName().toString();
                if (!Files.isDirectory(picture) || !KEY.matcher(key).matches()) {
                    continue;
                }
                try (Stream<Path> files = Files.list(picture)) {
                    for (Path file : files.sorted().toList()) {
                        String name = file.getFileName().toString();
                        if (bucket.holds(key, name, Files.size(file))) {
                            present++;
                        } else {
                            bucket.put(key, Map.of(name, Files.readAllBytes(file)));
                            copied++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the media folder " + folder, e);
        }
        return new Moved(copied, present);
    }
}
