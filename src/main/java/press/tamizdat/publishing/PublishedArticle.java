package press.tamizdat.publishing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;

/**
 * A published article as readers see it, with its body already rendered to safe HTML. {@code
 * updatedAt} is its last visible change (for feeds, sitemaps and the API); {@code materialUpdateAt}
 * the last one readers are told of with "Updated".
 */
public record PublishedArticle(
        long id,
        Language language,
        String path,
        String headline,
        @Nullable String subheadline,
        List<String> bylines,
        Section section,
        List<TagName> tags,
        Instant publishedAt,
        @Nullable Instant updatedAt,
        @Nullable Instant materialUpdateAt,
        @Nullable Picture photo,
        @Nullable Video video,
        String bodyHtml,
        List<CorrectionNote> corrections,
        @Nullable Translation translation) {

    /** The same article in another language, when it is published. */
    public record Translation(Language language, String path) {}

    /** A responsive picture from our media library. */
    public record Picture(
            String src,
            String srcset,
            int width,
            int height,
            String alt,
            @Nullable String caption,
            @Nullable String credit) {}

    /**
     * A third-party video, loaded only when the reader asks: {@code embedUrl} goes into a frame on
     * click, {@code watchUrl} is the plain link for readers without script.
     */
    public record Video(
            @Nullable String embedUrl,
            String watchUrl,
            String host,
            @Nullable String caption,
            @Nullable String credit) {}

    public record CorrectionNote(Instant notedAt, String text) {}
}
