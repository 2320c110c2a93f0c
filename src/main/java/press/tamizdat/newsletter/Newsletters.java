package press.tamizdat.newsletter;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Language;

/**
 * The newsletters on offer, in their order, for the signup block on every article page and the
 * {@code /newsletter} page. They change rarely, so they are read at most every half minute.
 */
@Component
public class Newsletters {

    private final LoadingCache<Boolean, List<Newsletter>> all;
    private final JdbcClient db;

    Newsletters(JdbcClient db) {
        this.db = db;
        this.all = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(30))
                .build(key -> db.sql("""
                                SELECT id, slug, name, description, sender_name, sender_address, slot_day, slot_time,
                                       slot_zone, link_to, language
                                FROM newsletter ORDER BY position, id
                                """)
                        .query((rs, n) -> new Newsletter(
                                rs.getLong("id"),
                                rs.getString("slug"),
                                rs.getString("name"),
                                rs.getString("description"),
                                rs.getString("sender_name"),
                                rs.getString("sender_address"),
                                DayOfWeek.valueOf(rs.getString("slot_day")),
                                LocalTime.parse(rs.getString("slot_time")),
                                ZoneId.of(rs.getString("slot_zone")),
                                LinkTo.valueOf(rs.getString("link_to")),
                                Language.fromCode(rs.getString("language")).orElse(Language.EN)))
                        .list());
    }

    public List<Newsletter> all() {
        return all.get(Boolean.TRUE);
    }

    /** The newsletters of one language edition, in their order. */
    public List<Newsletter> in(Language language) {
        return all().stream().filter(n -> n.language() == language).toList();
    }

    public Optional<Newsletter> find(long id) {
        return all().stream().filter(n -> n.id() == id).findFirst();
    }

    /** Sets where a newsletter's links lead, from its next edition on. */
    void linkTo(long id, LinkTo linkTo) {
        db.sql("UPDATE newsletter SET link_to = :linkTo WHERE id = :id")
                .param("linkTo", linkTo.name())
                .param("id", id)
                .update();
        forget();
    }

    void forget() {
        all.invalidateAll();
    }
}
