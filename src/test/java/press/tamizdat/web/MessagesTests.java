package press.tamizdat.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Every word a reader or editor sees comes from the message bundles, in English and in Russian. These
 * checks keep the two bundles in step, make sure each key the templates and code ask for exists (a
 * missing key is shown to readers as the bare key), and catch text typed straight into a template,
 * which Russian readers would get untranslated.
 */
class MessagesTests {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path TEMPLATES = Path.of("src/main/jte");
    private static final Path SOURCES = Path.of("src/main/java");

    private static final Properties ENGLISH = load("messages.properties");
    private static final Properties RUSSIAN = load("messages_ru.properties");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("localize\\(\"([a-z0-9.-]+)\"");
    private static final Pattern CODE_KEY =
            Pattern.compile("\"((?:article|media|password|revision|error|editor|login)\\.[a-z0-9.-]*[a-z0-9])\"");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    /** Attributes whose value a reader sees or hears on any element. */
    private static final Set<String> VISIBLE_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label");

    /** Literal text with letters that reads the same in every language; keep this short. */
    private static final Set<String> LANGUAGE_NEUTRAL_TEXT = Set.of();

    @Test
    void everyEnglishKeyHasARussianTranslation() {
        var missing = new TreeSet<>(ENGLISH.stringPropertyNames());
        missing.removeAll(RUSSIAN.stringPropertyNames());

        assertThat(missing)
                .as("keys missing from messages_ru.properties: %s", missing)
                .isEmpty();
    }

    @Test
    void everyRussianKeyExistsInEnglish() {
        var extra = new TreeSet<>(RUSSIAN.stringPropertyNames());
        extra.removeAll(ENGLISH.stringPropertyNames());

        assertThat(extra).as("keys only in messages_ru.properties: %s", extra).isEmpty();
    }

    @Test
    void placeholdersMatchBetweenLanguages() {
        var mismatches = new TreeMap<String, String>();
        for (String key : ENGLISH.stringPropertyNames()) {
            String russian = RUSSIAN.getProperty(key);
            if (russian == null) {
                continue;
            }
            var english = placeholders(ENGLISH.getProperty(key));
            if (!english.equals(placeholders(russian))) {
                mismatches.put(key, "en " + english + ", ru " + placeholders(russian));
            }
        }

        assertThat(mismatches).as("placeholders differ: %s", mismatches).isEmpty();
    }

    @Test
    void everyMessageKeyUsedInTemplatesExists() {
        var missing = new TreeMap<String, String>();
        for (Path template : files(TEMPLATES, ".jte")) {
            Matcher keys = TEMPLATE_KEY.matcher(read(template));
            while (keys.find()) {
                String key = keys.group(1);
                // "status." + name: a prefix completed at runtime
                if (!key.endsWith(".") && !ENGLISH.containsKey(key)) {
                    missing.put(key, template.toString());
                }
            }
        }

        assertThat(missing)
                .as("keys used in templates but missing from messages.properties: %s", missing)
                .isEmpty();
    }

    /**
     * Code hands message keys to the pages as string literals. Some literals are only the start of a
     * key, completed at runtime ("error.not-found" + ".title") or matched with startsWith
     * ("article.denied"); those must still be the start of at least one existing key.
     */
    @Test
    void everyMessageKeyUsedInCodeExists() {
        var missing = new TreeMap<String, String>();
        for (Path source : files(SOURCES, ".java")) {
            Matcher keys = CODE_KEY.matcher(read(source));
            while (keys.find()) {
                String key = keys.group(1);
                if (!isKeyOrStartOfKeys(key)) {
                    missing.put(key, source.toString());
                }
            }
        }

        assertThat(missing)
                .as("keys used in code but missing from messages.properties: %s", missing)
                .isEmpty();
    }

    @Test
    void templatesHaveNoHardCodedText() {
        var findings = new ArrayList<String>();
        for (Path template : files(TEMPLATES, ".jte")) {
            for (String text : hardCodedText(LiteralMarkup.of(read(template)))) {
                findings.add(template + ": " + text);
            }
        }

        assertThat(findings)
                .as(
                        "visible text written into templates instead of messages.properties:%n%s",
                        String.join("\n", findings))
                .isEmpty();
    }

    private static List<String> hardCodedText(String html) {
        Document page = Jsoup.parse(html);
        var found = new ArrayList<String>();
        for (Element element : page.getAllElements()) {
            if (element.closest("script, style") != null) {
                continue;
            }
            for (TextNode node : element.textNodes()) {
                addIfWords(found, node.text());
            }
            for (String attribute : VISIBLE_ATTRIBUTES) {
                addIfWords(found, element.attr(attribute));
            }
            // an input button shows its value; a <button> or <option> value is only sent with the form
            if (element.is("input[type=submit], input[type=button], input[type=reset]")) {
                addIfWords(found, element.attr("value"));
            }
        }
        return found;
    }

    private static void addIfWords(List<String> found, String text) {
        String trimmed = text.strip();
        if (LETTER.matcher(trimmed).find() && !LANGUAGE_NEUTRAL_TEXT.contains(trimmed)) {
            found.add(trimmed);
        }
    }

    private static boolean isKeyOrStartOfKeys(String key) {
        return ENGLISH.containsKey(key)
                || ENGLISH.stringPropertyNames().stream().anyMatch(existing -> existing.startsWith(key + "."));
    }

    private static Set<String> placeholders(String message) {
        var found = new TreeSet<String>();
        Matcher matcher = PLACEHOLDER.matcher(message);
        while (matcher.find()) {
            found.add("{" + matcher.group(1) + "}");
        }
        return found;
    }

    private static Properties load(String bundle) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(bundle), UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static List<Path> files(Path root, String extension) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(extension))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The markup a jte template writes literally: comments, declarations, expressions and control
     * keywords are dropped, while the content blocks passed to other templates ({@code @`...`}) are kept.
     */
    private static final class LiteralMarkup {

        private static final Pattern COMMENT = Pattern.compile("<%--.*?--%>", Pattern.DOTALL);
        private static final Pattern DECLARATION = Pattern.compile("(?m)^\\s*@(?:import|param)\\b.*$");
        private static final List<String> EXPRESSION_STARTS = List.of("${", "$unsafe{", "!{");
        private static final List<String> CALL_STARTS = List.of("@if(", "@elseif(", "@for(", "@template.");
        private static final List<String> KEYWORDS = List.of("@endif", "@endfor", "@else");

        private final String source;
        private final StringBuilder markup = new StringBuilder();
        private int position;

        private LiteralMarkup(String source) {
            this.source = source;
        }

        static String of(String template) {
            String source = COMMENT.matcher(template).replaceAll("");
            source = DECLARATION.matcher(source).replaceAll("");
            var reader = new LiteralMarkup(source);
            reader.copyMarkup(false);
            return reader.markup.toString();
        }

        /** Copies literal markup to the end of the template or, inside a content block, past its closing backtick. */
        private void copyMarkup(boolean inContentBlock) {
            while (position < source.length()) {
                if (inContentBlock && source.charAt(position) == '`') {
                    position++;
                    return;
                }
                String start = startAtPosition(EXPRESSION_STARTS);
                if (start != null) {
                    position += start.length() - 1;
                    skipBalanced('{', '}');
                    continue;
                }
                start = startAtPosition(CALL_STARTS);
                if (start != null) {
                    position = source.indexOf('(', position);
                    skipBalanced('(', ')');
                    continue;
                }
                start = startAtPosition(KEYWORDS);
                if (start != null) {
                    position += start.length();
                    continue;
                }
                markup.append(source.charAt(position++));
            }
        }

        /**
         * Skips from the opening bracket at the position past its match, ignoring brackets in string and
         * character literals; content blocks met on the way are copied.
         */
        private void skipBalanced(char open, char close) {
            int depth = 0;
            while (position < source.length()) {
                char c = source.charAt(position);
                if (c == '"' || c == '\'') {
                    skipLiteral(c);
                } else if (source.startsWith("@`", position)) {
                    position += 2;
                    copyMarkup(true);
                } else {
                    position++;
                    if (c == open) {
                        depth++;
                    } else if (c == close && --depth == 0) {
                        return;
                    }
                }
            }
        }

        private void skipLiteral(char quote) {
            position++;
            while (position < source.length() && source.charAt(position) != quote) {
                position += source.charAt(position) == '\\' ? 2 : 1;
            }
            position++;
        }

        private String startAtPosition(List<String> candidates) {
            return candidates.stream()
                    .filter(s -> source.startsWith(s, position))
                    .findFirst()
                    .orElse(null);
        }
    }
}
