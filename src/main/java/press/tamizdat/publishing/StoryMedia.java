package press.tamizdat.publishing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import press.tamizdat.platform.Language;

/**
 * Pictures and clips placed inside a story. A line of its own in the body's Markdown places one:
 * {@code [photo 42]} a picture of the media library, with its alt text, caption, credit and
 * responsive widths; {@code [embed https://t.me/channel/123]} (optionally {@code | credit}) a
 * Telegram post, VK video, YouTube or Vimeo video, shown as a credited placeholder that loads
 * nothing from the other site until the reader asks for it. The light edition and newsletters
 * turn these figures into links (see their classes); without script the placeholder is a link.
 */
@Component
class StoryMedia {

    static final Pattern PHOTO = Pattern.compile("^\\[photo\\s+(\\d{1,18})\\]$");
    /** A line meant to place something ({@code [photo …]}, {@code [embed …]}), written right or not. */
    private static final Pattern LOOKS_PLACED = Pattern.compile("^\\[(?:photo|embed)(?:\\s.*)?\\]$");

    static final Pattern EMBED = Pattern.compile("^\\[embed\\s+(\\S{1,600}?)(?:\\s*\\|\\s*([^\\]]{1,200}))?\\]$");

    private final MediaLibrary media;
    private final MessageSource messages;

    StoryMedia(MediaLibrary media, MessageSource messages) {
        this.media = media;
        this.messages = messages;
    }

    /** The figure a line places, or null when the line places nothing (it stays a paragraph). */
    @Nullable
    String figure(String line, Language language) {
        Matcher photo = PHOTO.matcher(line);
        if (photo.matches()) {
            return media.described(Long.parseLong(photo.group(1)))
                    .map(described -> photo(described, language.locale()))
                    .orElse("");
        }
        Matcher embed = EMBED.matcher(line);
        if (embed.matches()) {
            return VideoEmbeds.embed(embed.group(1), embed.group(2))
                    .map(found -> embed(found, language.locale()))
                    .orElse(null);
        }
        return null;
    }

    /**
     * What is wrong with the pictures and clips a body places, by line: a picture not in the
     * library, a link from a network we cannot embed. Empty when all is well.
     */
    Map<String, String> problems(String body) {
        var problems = new LinkedHashMap<String, String>();
        for (String line : body.split("\n")) {
            String placed = line.strip();
            Matcher photo = PHOTO.matcher(placed);
            if (photo.matches()
                    && media.described(Long.parseLong(photo.group(1))).isEmpty()) {
                problems.putIfAbsent("body", "article.error.photo-missing");
            }
            Matcher embed = EMBED.matcher(placed);
            if (embed.matches()
                    && VideoEmbeds.embed(embed.group(1), embed.group(2)).isEmpty()) {
                problems.putIfAbsent("body", "article.error.embed-url");
            }
            if (LOOKS_PLACED.matcher(placed).matches() && !embed.matches() && !photo.matches()) {
                problems.putIfAbsent("body", "article.error.placement");
            }
        }
        return problems;
    }

    private String photo(MediaLibrary.Described described, Locale locale) {
        var picture = ArticleRows.picture(
                described.medium(),
                described.alt(),
                blankToNull(described.caption()),
                blankToNull(described.credit()),
                Articles.PAGE_IMAGE_WIDTH);
        // the light edition's link to the picture says this
        String light = messages.getMessage("embed.light.photo", new Object[] {picture.alt()}, locale);
        var html = new StringBuilder("<figure class=\"story-photo\" data-light=\"")
                .append(escape(light))
                .append("\"><img src=\"")
                .append(escape(picture.src()))
                .append("\" srcset=\"")
                .append(escape(picture.srcset()))
                .append("\" sizes=\"(max-width: 50rem) 100vw, 50rem\" width=\"")
                .append(picture.width())
                .append("\" height=\"")
                .append(picture.height())
                .append("\" alt=\"")
                .append(escape(picture.alt()))
                .append("\" loading=\"lazy\" decoding=\"async\">");
        caption(html, picture.caption(), picture.credit());
        return html.append("</figure>").toString();
    }

    private String embed(VideoEmbeds.Embed embed, Locale locale) {
        String kind = embed.network() == VideoEmbeds.Network.TELEGRAM ? "post" : "video";
        var html = new StringBuilder("<figure class=\"embed story-embed\" data-embed-src=\"")
                .append(escape(embed.embedUrl()))
                .append("\" data-network=\"")
                .append(embed.network().code())
                .append("\"><div class=\"embed-placeholder\"><p>")
                .append(escape(messages.getMessage("embed." + kind + ".notice", new Object[] {embed.host()}, locale)))
                .append("</p><a class=\"embed-load button\" href=\"")
                .append(escape(embed.originalUrl()))
                .append("\" rel=\"noopener noreferrer\">")
                .append(escape(messages.getMessage("embed." + kind + ".show", new Object[] {embed.host()}, locale)))
                .append("</a></div>");
        caption(
                html,
                null,
                embed.credit() != null
                        ? embed.credit()
                        : messages.getMessage("embed." + kind + ".credit", new Object[] {embed.maker()}, locale));
        return html.append("</figure>").toString();
    }

    private static void caption(StringBuilder html, @Nullable String caption, @Nullable String credit) {
        if (caption == null && credit == null) {
            return;
        }
        html.append("<figcaption>");
        if (caption != null) {
            html.append(escape(caption));
        }
        if (credit != null) {
            html.append(caption != null ? " " : "")
                    .append("<span class=\"credit\">")
                    .append(escape(credit))
                    .append("</span>");
        }
        html.append("</figcaption>");
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static @Nullable String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }

    /**
     * The body as search and a newsletter's plain text read it: a picture's line goes (its words are
     * not the story's), a clip's line becomes its address and credit.
     */
    static String asPlainText(String body) {
        var text = new StringBuilder(body.length());
        for (String line : body.split("\n", -1)) {
            String placed = line.strip();
            if (PHOTO.matcher(placed).matches()) {
                text.append('\n');
                continue;
            }
            Matcher embed = EMBED.matcher(placed);
            if (embed.matches()) {
                text.append(embed.group(1));
                if (embed.group(2) != null) {
                    text.append(" (").append(embed.group(2).strip()).append(')');
                }
                text.append('\n');
                continue;
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
