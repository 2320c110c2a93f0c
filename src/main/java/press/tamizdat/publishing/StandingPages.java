package press.tamizdat.publishing;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Language;

/** The standing pages: read by the site, edited in the newsroom. */
@Component
public class StandingPages {

    public static final String PRIVACY_POLICY = "privacy";

    private final JdbcClient db;
    private final Markdown markdown;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StandingPages(JdbcClient db, Markdown markdown, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.markdown = markdown;
        this.events = events;
        this.clock = clock;
    }

    /** The page in the given language, or in any language when it has no such translation. */
    public Optional<StandingPage> find(String slug, Language language) {
        return source(slug, language)
                .or(() ->
                        all().stream().filter(page -> page.slug().equals(slug)).findFirst())
                .map(page -> new StandingPage(
                        page.slug(),
                        page.language(),
                        page.title(),
                        markdown.toSafeHtml(page.body()),
                        page.version(),
                        page.updatedAt()));
    }

    /** The current version of the Privacy Policy in a language, for consent records. */
    public int privacyPolicyVersion(Language language) {
        return source(PRIVACY_POLICY, language).map(Source::version).orElse(0);
    }

    /** A page's text as the newsroom edits it. */
    record Source(
            long id,
            String slug,
            Language language,
            String title,
            String body,
            int version,
            java.time.Instant updatedAt,
            int lockVersion) {}

    List<Source> all() {
        return db.sql(
                        "SELECT id, slug, language, title, body, version, updated_at, lock_version FROM page ORDER BY slug, language")
                .query(StandingPages::source)
                .list();
    }

    Optional<Source> find(long id) {
        return db.sql(
                        "SELECT id, slug, language, title, body, version, updated_at, lock_version FROM page WHERE id = :id")
                .param("id", id)
                .query(StandingPages::source)
                .optional();
    }

    /**
     * Saves new text over the save {@code seen} (the page's lock version when its form was opened);
     * false, and nothing saved, when someone saved it since. A substantive change (a new policy,
     * say) counts as a new version.
     */
    @Transactional
    boolean save(long id, int seen, String title, String body, boolean newVersion) {
        Source page = find(id).orElseThrow(() -> new ArticleDesk.NotFound("page"));
        int version = newVersion ? page.version() + 1 : page.version();
        int saved = db.sql("""
                        UPDATE page SET title = :title, body = :body, version = :version, updated_at = :now,
                                        lock_version = lock_version + 1
                        WHERE id = :id AND lock_version = :seen
                        """)
                .param("title", title.strip())
                .param("body", body.replace("\r\n", "\n"))
                .param("version", version)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", id)
                .param("seen", seen)
                .update();
        if (saved == 0) {
            return false;
        }
        events.publishEvent(new PageChanged(page.slug(), page.language(), version));
        return true;
    }

    private Optional<Source> source(String slug, Language language) {
        return db.sql("SELECT id, slug, language, title, body, version, updated_at, lock_version FROM page"
                        + " WHERE slug = :slug AND language = :language")
                .param("slug", slug)
                .param("language", language.name())
                .query(StandingPages::source)
                .optional();
    }

    private static Source source(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Source(
                rs.getLong("id"),
                rs.getString("slug"),
                Language.valueOf(rs.getString("language")),
                rs.getString("title"),
                rs.getString("body"),
                rs.getInt("version"),
                rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getInt("lock_version"));
    }
}
