package press.tamizdat.publishing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The site's sections in their order. Every page shows them in its navigation, and they change
 * rarely, so they are read from the database at most every half minute.
 */
@Component
public class Sections {

    static final Duration FRESHNESS = Duration.ofSeconds(30);

    private final LoadingCache<Boolean, List<Section>> all;

    Sections(JdbcClient db) {
        this.all = Caffeine.newBuilder()
                .expireAfterWrite(FRESHNESS)
                .build(key -> db.sql("SELECT id, slug, name FROM section ORDER BY position, name")
                        .query(Section.class)
                        .list());
    }

    public List<Section> all() {
        return all.get(Boolean.TRUE);
    }

    public Optional<Section> find(long id) {
        return all().stream().filter(section -> section.id() == id).findFirst();
    }

    public Optional<Section> findBySlug(String slug) {
        return all().stream().filter(section -> section.slug().equals(slug)).findFirst();
    }
}
