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
    /** A public channel's post: {@code t.me/<channel>/<number>}. */
    private static final Pattern TELEGRAM_POST = Pattern.compile("^/([A-Za-z][A-Za-z0-9_]{3,31})/(\\d{1,12})/?$");
    /** A VK video: {@code vk.com/video-<owner>_<id>} (or on vkvideo.ru). */
    private static final Pattern VK_VIDEO = Pattern.compile("^/video(-?\\d{1,19})_(\\d{1,19})/?$");

    /** The networks a story may embed, by the host of the link. */
    enum Network {
        YOUTUBE,
        VIMEO,
        TELEGRAM,
        VK;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A link a story embeds: where it plays after the click, the original, and who made it: the
     * credit the newsroom gave, or else the network's name for its maker (a Telegram post's channel).
     */
    record Embed(
            Network network,
            String embedUrl,
            String originalUrl,
            String host,
            @Nullable String credit,
            String maker) {}

    /**
     * The embed of a link from a network we can play after a click, with the credit given (or, for a
     * Telegram post, its channel); empty for any other link.
     */
    static java.util.Optional<Embed> embed(String url, @Nullable String credit) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.empty();
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            return java.util.Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^(www|m)\\.", "");
        String path = uri.getPath() == null ? "" : uri.getPath();
        String given = credit == null || credit.isBlank() ? null : credit.strip();
        if (host.equals("t.me") || host.equals("telegram.me")) {
            Matcher post = TELEGRAM_POST.matcher(path);
            if (!post.matches()) {
                return java.util.Optional.empty();
            }
            String channel = post.group(1);
            return java.util.Optional.of(new Embed(
                    Network.TELEGRAM,
                    "https://t.me/" + channel + "/" + post.group(2) + "?embed=1",
                    "https://t.me/" + channel + "/" + post.group(2),
                    "t.me",
                    given,
                    "@" + channel));
        }
        if (host.equals("vk.com") || host.equals("vkvideo.ru")) {
            Matcher video = VK_VIDEO.matcher(path);
            if (!video.matches()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Embed(
                    Network.VK,
                    "https://vk.com/video_ext.php?oid=" + video.group(1) + "&id=" + video.group(2) + "&hd=2",
                    "https://vk.com/video" + video.group(1) + "_" + video.group(2),
                    "vk.com",
                    given,
                    "VK"));
        }
        String player = embedUrl(uri, host);
        if (player == null) {
            return java.util.Optional.empty();
        }
        boolean vimeo = player.startsWith("https://player.vimeo.com/");
        return java.util.Optional.of(new Embed(
                vimeo ? Network.VIMEO : Network.YOUTUBE,
                player,
                uri.toString(),
                vimeo ? "vimeo.com" : "youtube.com",
                given,
                vimeo ? "Vimeo" : "YouTube"));
    }

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
