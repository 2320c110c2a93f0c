package press.tamizdat.imports;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jspecify.annotations.Nullable;

/**
 * An old site's post body made into our Markdown: WordPress's shortcodes resolved (a captioned
 * picture keeps its caption, an embed becomes a link) or removed with a note; paragraphs made
 * where WordPress left only blank lines; frames turned into links; then everything but text,
 * headings, lists, quotes, links and pictures taken out — scripts, styles, forms and handlers
 * never survive — and each picture handed to {@code images}, which stores it and gives our
 * address (or null, and the picture goes). What is left goes through flexmark's HTML-to-Markdown
 * converter.
 */
final class OldHtml {

    private static final Pattern CAPTION =
            Pattern.compile("\\[caption[^\\]]*\\](.*?)\\[/caption\\]", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern EMBED =
            Pattern.compile("\\[embed[^\\]]*\\](.*?)\\[/embed\\]", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern PAIRED = Pattern.compile(
            "\\[([a-z][a-z0-9_-]*)(?:\\s[^\\]]*)?\\](.*?)\\[/\\1\\]", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern SINGLE =
            Pattern.compile("\\[([a-z][a-z0-9_-]*)(?:\\s[^\\]]*)?/?\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern GUTENBERG_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern BARE_URL_LINE = Pattern.compile("(?m)^\\s*(https?://\\S+)\\s*$");

    private static final Safelist KEPT = new Safelist()
            .addTags(
                    "p",
                    "br",
                    "hr",
                    "h1",
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
                    "i",
                    "strong",
                    "b",
                    "code",
                    "pre",
                    "a",
                    "img",
                    "del",
                    "s",
                    "sub",
                    "sup",
                    "figure",
                    "figcaption")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt", "title")
            .addProtocols("a", "href", "http", "https", "mailto")
            .preserveRelativeLinks(true);

    private static final FlexmarkHtmlConverter CONVERTER =
            FlexmarkHtmlConverter.builder().build();

    /** What the conversion left out or changed, for the import's report. */
    final List<String> notes = new ArrayList<>();

    private final @Nullable String base;
    private final Function<String, @Nullable String> images;

    /**
     * {@code base} resolves relative links and pictures (the old site's address); {@code images}
     * stores a picture by its absolute old address and returns its address here.
     */
    OldHtml(@Nullable String base, Function<String, @Nullable String> images) {
        this.base = base;
        this.images = images;
    }

    String toMarkdown(String html) {
        String text = GUTENBERG_COMMENT.matcher(html).replaceAll("");
        text = shortcodes(text);
        if (!text.toLowerCase(Locale.ROOT).contains("<p") && text.contains("\n\n")) {
            text = paragraphs(text);
        }
        text = BARE_URL_LINE.matcher(text).replaceAll("<p><a href=\"$1\">$1</a></p>");
        Document dirty = Jsoup.parseBodyFragment(text, base == null ? "" : base);
        for (Element frame : dirty.select("iframe[src], video[src], audio[src]")) {
            String src = frame.absUrl("src");
            if (src.isEmpty()) {
                frame.remove();
                continue;
            }
            String watch = watchable(src);
            frame.replaceWith(new Element("p")
                    .appendChild(new Element("a").attr("href", watch).text(watch)));
            notes.add("an embedded frame became a link: " + watch);
        }
        int scripts = dirty.select("script, style, form, object, embed").size();
        if (scripts > 0) {
            notes.add(scripts + " script, style, form or plug-in element(s) left out");
        }
        for (Element link : dirty.select("a[href]")) {
            String absolute = link.absUrl("href");
            if (!absolute.isEmpty()) {
                link.attr("href", absolute);
            }
        }
        for (Element image : dirty.select("img")) {
            String src = image.absUrl("src");
            String stored = src.isEmpty() ? null : images.apply(src);
            if (stored == null) {
                if (!image.attr("alt").isBlank()) {
                    image.replaceWith(new org.jsoup.nodes.TextNode(image.attr("alt")));
                } else {
                    image.remove();
                }
                continue;
            }
            image.attr("src", stored);
            image.removeAttr("srcset");
        }
        Document clean = new Cleaner(KEPT).clean(dirty);
        for (Element figure : clean.select("figure")) {
            // a caption under its picture, in italics: Markdown has no figure
            var caption = figure.selectFirst("figcaption");
            if (caption != null) {
                caption.replaceWith(new Element("p").appendChild(new Element("em").text(caption.text())));
            }
            figure.unwrap();
        }
        clean.select("h1").tagName("h2");
        String markdown = CONVERTER.convert(clean.body().html());
        return markdown.strip() + "\n";
    }

    private String shortcodes(String html) {
        String text = CAPTION.matcher(html).replaceAll(match -> {
            String inner = match.group(1);
            int end = inner.toLowerCase(Locale.ROOT).lastIndexOf('>');
            String picture = end < 0 ? "" : inner.substring(0, end + 1);
            String caption = end < 0 ? inner : inner.substring(end + 1);
            return Matcher.quoteReplacement(
                    "<figure>" + picture + "<figcaption>" + caption.strip() + "</figcaption></figure>");
        });
        text = EMBED.matcher(text).replaceAll(match -> {
            String url = match.group(1).strip();
            return Matcher.quoteReplacement("<p><a href=\"" + url + "\">" + url + "</a></p>");
        });
        text = replaceUntilStable(PAIRED, text, match -> {
            notes.add("shortcode [" + match.group(1).toLowerCase(Locale.ROOT) + "] removed, its text kept");
            return match.group(2);
        });
        text = SINGLE.matcher(text).replaceAll(match -> {
            String name = match.group(1).toLowerCase(Locale.ROOT);
            notes.add("shortcode [" + name + "] removed"
                    + (name.equals("gallery") ? " (a gallery: add its pictures to the story by hand)" : ""));
            return "";
        });
        return text;
    }

    private static String replaceUntilStable(
            Pattern pattern, String text, Function<java.util.regex.MatchResult, String> replacement) {
        String before;
        String after = text;
        int rounds = 0;
        do {
            before = after;
            after = pattern.matcher(before).replaceAll(match -> Matcher.quoteReplacement(replacement.apply(match)));
        } while (!after.equals(before) && ++rounds < 10);
        return after;
    }

    /** WordPress's classic editor keeps paragraphs as blank lines, and line breaks as newlines. */
    private static String paragraphs(String text) {
        var html = new StringBuilder();
        for (String block : text.split("\\n\\s*\\n")) {
            String trimmed = block.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            boolean isBlock = trimmed.matches("(?is)^<(h[1-6]|ul|ol|blockquote|pre|figure|table|div|p|hr)\\b.*");
            html.append(isBlock ? trimmed : "<p>" + trimmed.replace("\n", "<br>\n") + "</p>")
                    .append('\n');
        }
        return html.toString();
    }

    /** An embedded player's page that a reader can open: YouTube's and Vimeo's embed addresses become their watch pages. */
    static String watchable(String src) {
        var youtube = Pattern.compile("https?://(?:www\\.)?youtube(?:-nocookie)?\\.com/embed/([A-Za-z0-9_-]+).*")
                .matcher(src);
        if (youtube.matches()) {
            return "https://www.youtube.com/watch?v=" + youtube.group(1);
        }
        var vimeo =
                Pattern.compile("https?://player\\.vimeo\\.com/video/(\\d+).*").matcher(src);
        if (vimeo.matches()) {
            return "https://vimeo.com/" + vimeo.group(1);
        }
        return src;
    }
}
