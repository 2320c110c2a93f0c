package press.tamizdat.publishing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.TamizdatSettings;

/**
 * The site's sections in their order, each named in a page's language: its name in
 * {@code section_name} for that language, else its default name. Every page shows them in its
 * navigation, and they change rarely, so they are read at most every half minute.
 */
@Component
public class Sections {

    static final Duration FRESHNESS = Duration.ofSeconds(30);

    private record Row(long id, String slug, String name) {}

    private record Translation(long sectionId, String language, String name) {}

    private record Named(Map<Language, List<Section>> byLanguage) {}

    private final LoadingCache<Boolean, Named> named;
    private final Language siteLanguage;

    Sections(JdbcClient db, TamizdatSettings settings) {
        this.siteLanguage =
                Language.fromCode(settings.site().language().getLanguage()).orElse(Language.EN);
        this.named = Caffeine.newBuilder().expireAfterWrite(FRESHNESS).build(key -> load(db));
    }

    private static Named load(JdbcClient db) {
        var rows = db.sql("SELECT id, slug, name FROM section ORDER BY position, name")
                .query(Row.class)
                .list();
        var translations = new HashMap<String, String>();
        db.sql("SELECT section_id, language, name FROM section_name")
                .query(Translation.class)
                .list()
                .forEach(t -> translations.put(t.sectionId() + "@" + t.language(), t.name()));
        var byLanguage = new HashMap<Language, List<Section>>();
        for (Language language : Language.values()) {
            byLanguage.put(
                    language,
                    rows.stream()
                            .map(row -> new Section(
                                    row.id(),
                                    row.slug(),
                                    translations.getOrDefault(row.id() + "@" + language.code(), row.name())))
                            .toList());
        }
        return new Named(Map.copyOf(byLanguage));
    }

    /** Reads the sections afresh at the next ask (a section was added). */
    void forget() {
        named.invalidateAll();
    }

    Language siteLanguage() {
        return siteLanguage;
    }

    /** The sections named in the site's language. */
    public List<Section> all() {
        return in(siteLanguage);
    }

    /** The sections named for a page in the given language. */
    public List<Section> in(Language language) {
        return named.get(Boolean.TRUE).byLanguage().get(language);
    }

    public Optional<Section> find(long id) {
        return all().stream().filter(section -> section.id() == id).findFirst();
    }

    public Optional<Section> find(long id, Language language) {
        return in(language).stream().filter(section -> section.id() == id).findFirst();
    }

    /** An article's section, by the id the article refers to it by, named in the article's language. */
    Section of(long id, Language language) {
        return find(id, language).orElseThrow();
    }

    public Optional<Section> findBySlug(String slug) {
        return all().stream().filter(section -> section.slug().equals(slug)).findFirst();
    }
}
