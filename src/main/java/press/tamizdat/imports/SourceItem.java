package press.tamizdat.imports;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;

/**
 * One post or page of an export, as the old platform had it: its id there, its HTML, its names
 * and times, and every address it was reachable at. {@code status} is the old platform's word
 * (publish, draft, private …); {@code kind} is post or page.
 */
record SourceItem(
        String sourceId,
        String kind,
        String status,
        @Nullable Language language,
        String slug,
        String title,
        @Nullable String excerpt,
        String html,
        @Nullable Instant publishedAt,
        @Nullable Instant updatedAt,
        List<String> authors,
        List<Category> categories,
        List<String> tags,
        @Nullable Image featured,
        List<String> oldPaths) {

    /** A WordPress category (a Ghost primary tag): it becomes the article's section. */
    record Category(String slug, String name) {}

    /** A picture by its old address, with what the old site said of it. */
    record Image(String url, @Nullable String alt, @Nullable String caption) {}

    boolean isPage() {
        return kind.equals("page");
    }
}
