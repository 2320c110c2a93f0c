package press.tamizdat.publishing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/**
 * Seeds an empty database with the demo articles in {@code classpath:demo/articles} (TAMIZDAT_DEMO),
 * each with a generated picture sent through the same upload path as a newsroom photo, and their
 * tags' names in both languages ({@code classpath:demo/tags.properties}).
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("tamizdat.demo")
class DemoContent implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);

    private final ArticleRepository articles;
    private final ArticleDesk desk;
    private final Sections sections;
    private final Tags tags;
    private final MediaLibrary media;
    private final StaffAccounts staff;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoContent(
            ArticleRepository articles,
            ArticleDesk desk,
            Sections sections,
            Tags tags,
            MediaLibrary media,
            StaffAccounts staff,
            TransactionTemplate transactions,
            Clock clock) {
        this.articles = articles;
        this.desk = desk;
        this.sections = sections;
        this.tags = tags;
        this.media = media;
        this.staff = staff;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (articles.count() > 0 || staff.isEmpty()) {
            return;
        }
        StaffMember admin = staff.all().getFirst();
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:demo/articles/*.md");
        Arrays.sort(files, (a, b) -> String.valueOf(a.getFilename()).compareTo(String.valueOf(b.getFilename())));
        transactions.executeWithoutResult(status -> {
            for (Resource file : files) {
                seed(file, admin);
            }
            nameTags();
        });
        log.info("Seeded {} demo articles", files.length);
    }

    private void seed(Resource file, StaffMember admin) {
        var demo = DemoFile.parse(read(file));
        LeadMedia lead = switch (demo.get("lead", "none")) {
            case "photo" ->
                LeadMedia.photo(
                        media.store(picture(Integer.parseInt(demo.get("lead-hue", "200"))), admin.id())
                                .id(),
                        demo.get("lead-alt", ""),
                        demo.get("lead-caption", null),
                        demo.get("lead-credit", null));
            case "video" ->
                LeadMedia.video(
                        demo.get("lead-video", ""), demo.get("lead-caption", null), demo.get("lead-credit", null));
            default -> null;
        };
        var content = new ArticleContent(
                Language.fromCode(demo.get("language", "en")).orElseThrow(),
                demo.get("slug", ""),
                demo.get("headline", ""),
                demo.get("subheadline", null),
                demo.body(),
                sections.findBySlug(demo.get("section", "news")).orElseThrow().id(),
                split(demo.get("bylines", ""), ";"),
                split(demo.get("tags", ""), ","),
                lead);
        var saved = desk.create(content, admin);
        if (!saved.ok()) {
            throw new IllegalStateException("Demo article " + file.getFilename() + " is invalid: " + saved.problems());
        }
        Article article = desk.load(saved.articleId());
        article.publishAsOf(
                clock.instant().minus(Duration.ofHours(Long.parseLong(demo.get("hours-ago", "1")))), admin, clock);
        String correction = demo.get("correction", null);
        if (correction != null) {
            article.addCorrection(correction, admin, clock);
        }
        articles.save(article);
    }

    /** A calm abstract picture in the given hue: enough to show how photos look on the site. */
    static byte[] picture(int hue) {
        int width = 1600;
        int height = 900;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color dark = Color.getHSBColor(hue / 360f, 0.55f, 0.35f);
        Color light = Color.getHSBColor(((hue + 40) % 360) / 360f, 0.35f, 0.9f);
        g.setPaint(new GradientPaint(0, 0, dark, width, height, light));
        g.fillRect(0, 0, width, height);
        var random = new Random(hue);
        for (int i = 0; i < 14; i++) {
            g.setColor(new Color(255, 255, 255, 20 + random.nextInt(40)));
            int size = 80 + random.nextInt(420);
            g.fill(new Ellipse2D.Float(random.nextInt(width), random.nextInt(height), size, size));
        }
        g.dispose();
        var bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void nameTags() {
        var names = new java.util.Properties();
        try (var in = new java.io.InputStreamReader(
                new org.springframework.core.io.ClassPathResource("demo/tags.properties").getInputStream(),
                StandardCharsets.UTF_8)) {
            names.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var byTag = new java.util.TreeMap<String, Map<Language, String>>();
        names.stringPropertyNames().forEach(key -> {
            int dot = key.lastIndexOf('.');
            Language.fromCode(key.substring(dot + 1))
                    .ifPresent(language -> byTag.computeIfAbsent(
                                    key.substring(0, dot), t -> new java.util.EnumMap<>(Language.class))
                            .put(language, names.getProperty(key)));
        });
        byTag.forEach((tag, named) -> tags.name(tag, named).ifPresent(refusal -> {
            throw new IllegalStateException("demo tag " + tag + ": " + refusal);
        }));
    }

    private static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(separator))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String read(Resource file) {
        try (var in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A demo article file: {@code key: value} lines, a {@code ---} line, then the Markdown body. */
    record DemoFile(Map<String, String> header, String body) {

        static DemoFile parse(String text) {
            int separator = text.indexOf("\n---\n");
            var header = new HashMap<String, String>();
            for (String line : text.substring(0, separator).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    header.put(
                            line.substring(0, colon).strip(),
                            line.substring(colon + 1).strip());
                }
            }
            return new DemoFile(header, text.substring(separator + 5).strip() + "\n");
        }

        String get(String key, String fallback) {
            return header.getOrDefault(key, fallback);
        }
    }
}
