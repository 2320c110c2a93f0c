package press.tamizdat.publishing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;

/** A published article in a list: enough for a headline, a teaser and a thumbnail. */
public record ArticleCard(
        long id,
        Language language,
        String path,
        String headline,
        @Nullable String subheadline,
        String sectionName,
        Instant publishedAt,
        @Nullable Instant materialUpdateAt,
        PublishedArticle.@Nullable Picture thumbnail) {}
