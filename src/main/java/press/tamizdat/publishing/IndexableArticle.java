package press.tamizdat.publishing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;

/** A published article as plain text, for full-text search. */
public record IndexableArticle(
        long id,
        Language language,
        String path,
        String headline,
        @Nullable String subheadline,
        String text,
        List<String> bylines,
        List<String> tags,
        String sectionName,
        Instant publishedAt) {}
