package press.tamizdat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No template carries inline script or style, and none loads anything from another host: the
 * strict Content-Security-Policy must never have to make an exception.
 */
class TemplatePolicyTests {

    static final Path TEMPLATES = Path.of("src/main/jte");
    /** A script element without src runs inline; JSON-LD is data that browsers never run. */
    static final Pattern INLINE_SCRIPT = Pattern.compile(
            "<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/ld\\+json\")[^>]*>", Pattern.CASE_INSENSITIVE);

    static final Pattern STYLE = Pattern.compile("<style|\\sstyle=", Pattern.CASE_INSENSITIVE);
    static final Pattern EVENT_HANDLER = Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE);
    static final Pattern FOREIGN_ASSET = Pattern.compile("\\s(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE);

    static List<Path> templates() throws IOException {
        try (var files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".jte")).toList();
        }
    }

    /**
     * Mail templates ({@code *-mail.jte}) style inline: mail clients ignore style sheets, and no browser CSP applies to a
     * message. They still may carry no script and no event handler.
     */
    static boolean isMail(Path template) {
        return template.getFileName().toString().endsWith("-mail.jte");
    }

    @Test
    void templatesHaveNoInlineScriptStyleOrEventHandlers() throws IOException {
        for (Path template : templates()) {
            String text = Files.readString(template);
            assertThat(INLINE_SCRIPT.matcher(text).find())
                    .as("inline script in %s", template)
                    .isFalse();
            assertThat(STYLE.matcher(text).find() && !isMail(template))
                    .as("inline style in %s", template)
                    .isFalse();
            assertThat(EVENT_HANDLER.matcher(text).find())
                    .as("event handler in %s", template)
                    .isFalse();
        }
    }

    @Test
    void templatesLoadNothingFromAnotherHost() throws IOException {
        for (Path template : templates()) {
            assertThat(FOREIGN_ASSET.matcher(Files.readString(template)).find())
                    .as("absolute URL in %s", template)
                    .isFalse();
        }
    }
}
