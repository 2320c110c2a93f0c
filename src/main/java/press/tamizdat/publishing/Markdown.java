package press.tamizdat.publishing;

import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an article's Markdown into HTML that is safe to serve: raw HTML in the Markdown is shown
 * as text, and the result passes an allow-list sanitizer, so no script, event handler, frame,
 * style or foreign image can reach a reader. Links to other sites open without a referrer.
 */
@Component
public class Markdown {

    /** Images only from our own media library: a reader's browser asks no other host. */
    private static final Pattern OWN_MEDIA = Pattern.compile("^/media/[A-Za-z0-9_./-]+$");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(
                    "p",
                    "br",
                    "hr",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "em",
                    "strong",
                    "code",
                    "pre",
                    "a",
                    "img",
                    "del",
                    "sub",
                    "sup")
            .allowAttributes("start")
            .matching(Pattern.compile("\\d{1,6}"))
            .onElements("ol")
            .allowUrlProtocols("https", "http", "mailto")
            .allowAttributes("href")
            .onElements("a")
            .allowAttributes("title")
            .onElements("a", "img")
            .allowAttributes("alt")
            .onElements("img")
            .allowAttributes("src")
            .matching(OWN_MEDIA)
            .onElements("img")
            // an image whose source was refused goes entirely
            .allowElements((name, attributes) -> attributes.contains("src") ? name : null, "img")
            .requireRelsOnLinks("noopener", "noreferrer")
            .toFactory();

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private final TextContentRenderer text = TextContentRenderer.builder().build();

    /** The words of the text without any markup, for search and summaries. */
    public String toPlainText(String markdown) {
        return text.render(parser.parse(markdown));
    }

    public String toSafeHtml(String markdown) {
        return POLICY.sanitize(renderer.render(parser.parse(markdown)));
    }

    /**
     * Like {@link #toSafeHtml(String)}, and a paragraph that is one line of plain text may become
     * a figure: {@code figures} returns the figure's HTML for such a line (built by us, escaped), or
     * null to keep the paragraph. Code blocks and lines within other text are never touched.
     */
    String toSafeHtml(String markdown, java.util.function.Function<String, @Nullable String> figures) {
        Node document = parser.parse(markdown);
        var placed = new java.util.ArrayList<Paragraph>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Paragraph paragraph) {
                if (onlyText(paragraph) != null) {
                    placed.add(paragraph);
                }
            }
        });
        String marker = "figure-" + java.util.UUID.randomUUID() + "-";
        var html = new java.util.ArrayList<String>();
        for (Paragraph paragraph : placed) {
            String line = java.util.Objects.requireNonNull(onlyText(paragraph));
            String figure = figures.apply(line.strip());
            if (figure == null) {
                continue;
            }
            while (paragraph.getFirstChild() != null) {
                paragraph.getFirstChild().unlink();
            }
            paragraph.appendChild(new Text(marker + html.size()));
            html.add(figure);
        }
        String safe = POLICY.sanitize(renderer.render(document));
        for (int i = 0; i < html.size(); i++) {
            safe = safe.replace("<p>" + marker + i + "</p>", html.get(i));
        }
        return safe;
    }

    /** A paragraph's text when it holds nothing but text (one line, no emphasis, link or break). */
    private static @Nullable String onlyText(Paragraph paragraph) {
        var text = new StringBuilder();
        for (Node child = paragraph.getFirstChild(); child != null; child = child.getNext()) {
            if (!(child instanceof Text part)) {
                return null;
            }
            text.append(part.getLiteral());
        }
        return text.toString();
    }
}
