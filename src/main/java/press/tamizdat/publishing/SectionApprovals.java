package press.tamizdat.publishing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many editors must approve a section's articles before they go live: 0 (no review), 1, or 2
 * for sensitive stories. Read from the database at every ask, never from a cache: a node must not
 * let an article out under a rule another node has already tightened.
 */
@Component
class SectionApprovals {

    static final int MOST = 2;

    private final JdbcClient db;

    SectionApprovals(JdbcClient db) {
        this.db = db;
    }

    int required(long sectionId) {
        return db.sql("SELECT approvals FROM section WHERE id = :id")
                .param("id", sectionId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    Map<Long, Integer> all() {
        var all = new HashMap<Long, Integer>();
        db.sql("SELECT id, approvals FROM section")
                .query((rs, n) -> Map.entry(rs.getLong("id"), rs.getInt("approvals")))
                .list()
                .forEach(row -> all.put(row.getKey(), row.getValue()));
        return all;
    }

    /** False when there is no such section. */
    boolean set(long sectionId, int approvals) {
        if (approvals < 0 || approvals > MOST) {
            throw new IllegalArgumentException("approvals must be 0 to " + MOST);
        }
        return db.sql("UPDATE section SET approvals = :approvals WHERE id = :id")
                        .param("approvals", approvals)
                        .param("id", sectionId)
                        .update()
                > 0;
    }
}
