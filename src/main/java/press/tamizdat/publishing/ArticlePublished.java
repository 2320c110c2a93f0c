package press.tamizdat.publishing;

import java.time.Instant;

/** An article went live, now or at its scheduled time. */
public record ArticlePublished(long articleId, Language language, String slug, Instant publishedAt) {}
