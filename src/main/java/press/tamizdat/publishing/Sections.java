package press.tamizdat.publishing;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The site's sections in their order. */
@Component
public class Sections {

    private final JdbcClient db;

    Sections(JdbcClient db) {
        this.db = db;
    }

    public List<Section> all() {
        return db.sql("SELECT id, slug, name FROM section ORDER BY position, name")
                .query(Section.class)
                .list();
    }

    public Optional<Section> find(long id) {
        return db.sql("SELECT id, slug, name FROM section WHERE id = :id")
                .param("id", id)
                .query(Section.class)
                .optional();
    }

    public Optional<Section> findBySlug(String slug) {
        return db.sql("SELECT id, slug, name FROM section WHERE slug = :slug")
                .param("slug", slug)
                .query(Section.class)
                .optional();
    }
}
