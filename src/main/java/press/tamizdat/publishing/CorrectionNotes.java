package press.tamizdat.publishing;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.web.PublicPaths;

/**
 * Every correction note of the published articles, newest first: for the corrections page and its
 * feed, so readers can follow what the outlet got wrong and put right.
 */
@Component
@Transactional(readOnly = true)
public class CorrectionNotes {

    private final JdbcClient db;

    CorrectionNotes(JdbcClient db) {
        this.db = db;
    }

    /** One correction note and the article it corrects. */
    public record Note(
            String articlePath, String headline, Language language, Instant publishedAt, Instant notedAt, String text) {

        /** The same note in every list and feed, so a feed reader shows it once. */
        public String id() {
            return articlePath + "#correction-" + notedAt.toEpochMilli();
        }
    }

    /** One page of notes; pages count from 1. */
    public record NotePage(List<Note> notes, int page, int totalPages) {

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < totalPages;
        }
    }

    public NotePage page(int page, int size) {
        long total = db.sql("""
                        SELECT COUNT(*) FROM article_correction c JOIN article a ON a.id = c.article_id
                        WHERE a.status = 'PUBLISHED'
                        """).query(Long.class).single();
        int pages = (int) Math.max(1, (total + size - 1) / size);
        int shown = Math.max(1, page);
        return new NotePage(notes((long) (shown - 1) * size, size), shown, pages);
    }

    public List<Note> latest(int count) {
        return notes(0, count);
    }

    private List<Note> notes(long offset, int limit) {
        return db.sql("""
                        SELECT a.language, a.slug, a.headline, a.publish_at, c.noted_at, c.text
                        FROM article_correction c JOIN article a ON a.id = c.article_id
                        WHERE a.status = 'PUBLISHED'
                        ORDER BY c.noted_at DESC, a.id DESC, c.position DESC
                        LIMIT :limit OFFSET :offset
                        """)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> {
                    Language language = Language.valueOf(rs.getString("language"));
                    return new Note(
                            PublicPaths.article(language, rs.getString("slug")),
                            rs.getString("headline"),
                            language,
                            SqlTime.instant(rs, "publish_at"),
                            SqlTime.instant(rs, "noted_at"),
                            rs.getString("text"));
                })
                .list();
    }
}
