package press.tamizdat.publishing;

import java.time.Instant;
import press.tamizdat.platform.Broadcast;
import press.tamizdat.platform.Language;

/** An article went live, now or at its scheduled time. */
public record ArticlePublished(long articleId, Language language, String slug, Instant publishedAt)
        implements Broadcast {}
