package press.tamizdat.publishing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A saved state of an article's content: who saved it, when, and what it said; a review step's
 * revision carries the reviewer's words as its remark.
 */
@Table("article_revision")
record Revision(
        @Id @Nullable Long id,
        long articleId,
        int number,
        Instant savedAt,
        long savedBy,
        String note,
        String content,
        @Nullable String remark) {}
