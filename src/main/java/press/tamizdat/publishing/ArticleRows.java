package press.tamizdat.publishing;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reading the lead picture from a query that joined the media table, for cards and article pages alike. */
final class ArticleRows {

    private ArticleRows() {}

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
