package press.tamizdat.search;

import java.time.Instant;
import press.tamizdat.platform.Language;

/**
 * A published article that matches a search. {@code snippetHtml} is escaped text with the matching
 * words in {@code <mark>}, safe to insert into a page as it is.
 */
public record Hit(
        long articleId,
        String path,
        String headline,
        String snippetHtml,
        Language language,
        Instant publishedAt,
        String sectionName) {}
