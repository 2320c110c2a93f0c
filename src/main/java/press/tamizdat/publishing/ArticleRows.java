package press.tamizdat.publishing;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reading rows shared by cards, article pages and the Content API: the lead picture of a query
 * that joined the media table, and the bylines written for a slug.
 */
final class ArticleRows {

    private ArticleRows() {}

    /** The names, as the newsroom wrote them, of published articles' bylines with this slug (tags: {@link Tags}). */
    static java.util.List<String> namesWithSlug(
            org.springframework.jdbc.core.simple.JdbcClient db, String table, String slug) {
        return db
                .sql("SELECT DISTINCT n.name FROM " + table + " n JOIN article a ON a.id = n.article_id"
                        + " WHERE a.status = 'PUBLISHED'")
                .query(String.class)
                .list()
                .stream()
                .filter(name -> press.tamizdat.platform.Slugs.from(name).equals(slug))
                .sorted()
                .toList();
    }

    /** The lead picture of a row that joined the media table with its id as {@code media_id}. */
    static MediaLibrary.@Nullable Medium joinedMedium(java.sql.ResultSet rs) throws java.sql.SQLException {
        long mediaId = rs.getLong("media_id");
        if (rs.wasNull()) {
            return null;
        }
        return new MediaLibrary.Medium(
                mediaId,
                rs.getString("storage_key"),
                rs.getString("format"),
                rs.getInt("width"),
                rs.getInt("height"),
                java.util.Arrays.stream(rs.getString("widths").split(","))
                        .map(Integer::valueOf)
                        .toList());
    }

    static PublishedArticle.Picture picture(
            MediaLibrary.Medium m,
            @Nullable String alt,
            @Nullable String caption,
            @Nullable String credit,
            int preferredWidth) {
        int width = m.widthUpTo(preferredWidth);
        String srcset = String.join(
                ", ", m.widths().stream().map(w -> m.url(w) + " " + w + "w").toList());
        return new PublishedArticle.Picture(
                m.url(width),
                srcset,
                width,
                Math.round((float) m.height() * width / m.width()),
                Objects.requireNonNullElse(alt, ""),
                caption,
                credit);
    }
}
