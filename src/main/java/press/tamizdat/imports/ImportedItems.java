package press.tamizdat.imports;

import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.web.PublicPaths;

/**
 * Which article each old post became, and the old addresses that lead to it: what lets a second
 * import of the same export update instead of duplicating, and the old site's links redirect.
 */
@Component
class ImportedItems {

    private final JdbcClient db;

    ImportedItems(JdbcClient db) {
        this.db = db;
    }

    /** The article an earlier import made from this post, if any. */
    Optional<Long> article(Importer.Source source, String sourceId) {
        return db.sql("SELECT article_id FROM imported_item WHERE source = :source AND source_id = :id")
                .param("source", source.key())
                .param("id", sourceId)
                .query(Long.class)
                .optional();
    }

    /**
     * Keeps which article the post became and its old addresses; a second import of the same
     * export writes nothing here (on the embedded database every write is a new chunk of its file).
     * An old address that is one of this site's own is not kept, and {@code note} says so.
     */
    void remember(Importer.Source source, SourceItem item, long article, String path, Consumer<String> note) {
        var known = article(source, item.sourceId());
        if (known.isEmpty()) {
            db.sql("INSERT INTO imported_item (source, source_id, article_id) VALUES (:source, :id, :article)")
                    .param("source", source.key())
                    .param("id", item.sourceId())
                    .param("article", article)
                    .update();
        } else if (known.get() != article) {
            db.sql("UPDATE imported_item SET article_id = :article WHERE source = :source AND source_id = :id")
                    .param("article", article)
                    .param("source", source.key())
                    .param("id", item.sourceId())
                    .update();
        }
        for (String old : item.oldPaths()) {
            if (old.equals(path) || old.equals("/") || PublicPaths.isOwn(old)) {
                if (!old.equals(path)) {
                    note.accept("its old address " + old + " is one of this site's own: not redirected");
                }
                continue;
            }
            var leads = db.sql("SELECT article_id FROM imported_address WHERE path = :path")
                    .param("path", old)
                    .query(Long.class)
                    .optional();
            if (leads.isEmpty()) {
                db.sql("INSERT INTO imported_address (path, article_id) VALUES (:path, :article)")
                        .param("path", old)
                        .param("article", article)
                        .update();
            } else if (leads.get() != article) {
                db.sql("UPDATE imported_address SET article_id = :article WHERE path = :path")
                        .param("article", article)
                        .param("path", old)
                        .update();
            }
        }
    }
}
