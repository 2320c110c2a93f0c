package press.tamizdat.publishing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;

/**
 * Which published articles an app asks for: a section, a tag or an author by slug, a language,
 * and those published or changed since a time. Each left null does not filter.
 */
public record ArticleFilter(
        @Nullable String sectionSlug,
        @Nullable String tagSlug,
        @Nullable String authorSlug,
        @Nullable Language language,
        @Nullable Instant updatedSince) {

    public static ArticleFilter none() {
        return new ArticleFilter(null, null, null, null, null);
    }
}
