package press.tamizdat.publishing;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * What leads an article: a photo from the media library with alt text, caption and credit, or a
 * social-media video embed credited to its account ("Video: @somehandle").
 */
record LeadMedia(
        Kind kind,
        @Nullable Long mediaId,
        @Nullable String alt,
        @Nullable String caption,
        @Nullable String credit,
        @Nullable String videoUrl) {

    enum Kind {
        PHOTO,
        VIDEO
    }

    static LeadMedia photo(long mediaId, String alt, @Nullable String caption, @Nullable String credit) {
        return new LeadMedia(Kind.PHOTO, mediaId, alt, caption, credit, null);
    }

    static LeadMedia video(String url, @Nullable String caption, @Nullable String credit) {
        return new LeadMedia(Kind.VIDEO, null, null, caption, credit, url);
    }

    static boolean isVideoUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
