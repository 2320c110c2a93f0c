package press.tamizdat.publishing;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Knows which video links can play on our page after a click, and through which privacy-friendly
 * player. Other links stay plain links to the original site.
 */
final class VideoEmbeds {

    private static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]{6,20}");
    private static final Pattern VIMEO_ID = Pattern.compile("/(\\d{4,12})(?:$|[/?#])");

    private VideoEmbeds() {}

    static PublishedArticle.Video of(String url, @Nullable String caption, @Nullable String credit) {
        URI uri = URI.create(url.strip());
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        return new PublishedArticle.Video(embedUrl(uri, host), uri.toString(), host, caption, credit);
    }

    private static @Nullable String embedUrl(URI uri, String host) {
        String youtubeId = switch (host) {
            case "youtube.com", "m.youtube.com" -> queryValue(uri, "v");
            case "youtu.be" -> uri.getPath().length() > 1 ? uri.getPath().substring(1) : null;
            default -> null;
        };
        if (youtubeId != null && YOUTUBE_ID.matcher(youtubeId).matches()) {
            return "https://www.youtube-nocookie.com/embed/" + youtubeId + "?autoplay=1";
        }
        if (host.equals("vimeo.com")) {
            Matcher m = VIMEO_ID.matcher(uri.getPath());
            if (m.find()) {
                return "https://player.vimeo.com/video/" + m.group(1) + "?dnt=1&autoplay=1";
            }
        }
        return null;
    }

    private static @Nullable String queryValue(URI uri, String name) {
        if (uri.getQuery() == null) {
            return null;
        }
        for (String pair : uri.getQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }
}
