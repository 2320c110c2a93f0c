package press.tamizdat.publishing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;
import press.tamizdat.web.LanguageEditions;

/**
 * Tags in both languages. A tag is the slug of the words written on articles ("press freedom" and
 * "Press Freedom" are one tag, {@code press-freedom}); an editor may name it in each language, and
 * an article written with any of its names carries it. A Russian story tagged "Свобода прессы"
 * and an English one tagged "press freedom" are then on one tag, which each edition shows under
 * its own name, at {@code /tag/press-freedom} and {@code /ru/tag/press-freedom}.
 */
@Component
@Transactional(readOnly = true)
public class Tags {

    private final JdbcClient db;
    private final LanguageEditions editions;
    private final ApplicationEventPublisher events;
    private final PublishedReads.Reads<Boolean, Names> names;

    Tags(JdbcClient db, LanguageEditions editions, ApplicationEventPublisher events, PublishedReads reads) {
        this.db = db;
        this.editions = editions;
        this.events = events;
        this.names = reads.reads(1);
    }

    /**
     * Every name the newsroom gave: the tag each name's slug leads to, and each tag's names. Read
     * on every article page, so kept until an article changes (naming a tag changes its articles).
     */
    record Names(Map<String, String> tagOfNameSlug, Map<String, Map<Language, String>> byTag) {

        /** The tag that words with this slug carry: the one they name, else the tag of that slug. */
        String tagOf(String slug) {
            return tagOfNameSlug.getOrDefault(slug, slug);
        }

        Optional<String> name(String tag, Language language) {
            return Optional.ofNullable(byTag.getOrDefault(tag, Map.of()).get(language));
        }
    }

    private Names names() {
        return names.get(Boolean.TRUE, ignored -> readNames());
    }

    private Names readNames() {
        var tagOf = new HashMap<String, String>();
        var byTag = new HashMap<String, Map<Language, String>>();
        db.sql("SELECT tag_slug, language, name, name_slug FROM tag_name").query(rs -> {
            String tag = rs.getString("tag_slug");
            String name = rs.getString("name");
            tagOf.put(rs.getString("name_slug"), tag);
            Language.fromCode(rs.getString("language"))
                    .ifPresent(language -> byTag.computeIfAbsent(tag, t -> new EnumMap<>(Language.class))
                            .put(language, name));
        });
        return new Names(Map.copyOf(tagOf), Map.copyOf(byTag));
    }

    /** The tag that words written on an article carry, named in {@code language} (the words themselves when it has no name there). */
    public TagName of(String written, Language language) {
        var known = names();
        String tag = known.tagOf(Slugs.from(written));
        return new TagName(tag, known.name(tag, language).orElse(written));
    }

    /** The slug of the tag that words written on an article carry. */
    public String slugOf(String written) {
        return names().tagOf(Slugs.from(written));
    }

    /** An article's tags as its edition shows them, each once, in the order written. */
    List<TagName> of(List<String> written, Language language) {
        var byTag = new LinkedHashMap<String, TagName>();
        written.forEach(words -> {
            var tag = of(words, language);
            byTag.putIfAbsent(tag.slug(), tag);
        });
        return List.copyOf(byTag.values());
    }

    /**
     * A tag page's tag, by the tag's slug or by the slug of one of its names (the page then moves
     * to the tag's own slug), named in {@code language}; empty when no published article carries it.
     */
    public Optional<TagName> find(String slug, Language language) {
        var known = names();
        String tag = known.tagOf(slug);
        List<String> written = writtenNames(tag);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TagName(tag, name(known, tag, language, written)));
    }

    /**
     * A tag's name in a language: the one the newsroom gave, else the words written for its own
     * slug, else any words it is written with ({@code written}, sorted); the same on every page.
     */
    private static String name(Names known, String tag, Language language, List<String> written) {
        return known.name(tag, language)
                .or(() -> written.stream()
                        .filter(words -> Slugs.from(words).equals(tag))
                        .findFirst())
                .orElse(written.getFirst());
    }

    /** Every tag on a published article, named in the site's language, with the number of articles carrying it. */
    public List<Label> all() {
        var known = names();
        var carrying = new TreeMap<String, java.util.Set<Long>>();
        var written = new HashMap<String, TreeSet<String>>();
        db.sql("""
                        SELECT n.name, a.id FROM article_tag n
                        JOIN article a ON a.id = n.article_id WHERE a.status = 'PUBLISHED'
                        """).query(rs -> {
            String tag = known.tagOf(Slugs.from(rs.getString("name")));
            // an article written with two names of one tag counts once
            carrying.computeIfAbsent(tag, t -> new java.util.HashSet<>()).add(rs.getLong("id"));
            written.computeIfAbsent(tag, t -> new TreeSet<>()).add(rs.getString("name"));
        });
        return carrying.entrySet().stream()
                .map(each -> new Label(
                        each.getKey(),
                        name(known, each.getKey(), editions.siteLanguage(), List.copyOf(written.get(each.getKey()))),
                        each.getValue().size()))
                .toList();
    }

    /** Each language's name of a tag, where it has one. */
    public Map<Language, String> namesOf(String tag) {
        return names().byTag().getOrDefault(tag, Map.of());
    }

    /** The words, as written on published articles, that carry a tag (by its slug or a name's): its own and its names'. */
    List<String> writtenNames(String slug) {
        var known = names();
        String tag = known.tagOf(slug);
        return db
                .sql("SELECT DISTINCT n.name FROM article_tag n JOIN article a ON a.id = n.article_id"
                        + " WHERE a.status = 'PUBLISHED'")
                .query(String.class)
                .list()
                .stream()
                .filter(words -> known.tagOf(Slugs.from(words)).equals(tag))
                .sorted()
                .toList();
    }

    /** A tag as the newsroom's tag list shows it: the words it is written with, its names, how many articles carry it. */
    record InUse(String slug, List<String> written, Map<Language, String> names, long published, long articles) {}

    /** Tags on any article (draft or published), or named; those matching {@code words} when given. */
    List<InUse> inUse(@Nullable String words) {
        var recorded = readNames();
        var written = new TreeMap<String, TreeSet<String>>();
        var articles = new HashMap<String, java.util.Set<Long>>();
        var published = new HashMap<String, java.util.Set<Long>>();
        db.sql("SELECT n.name, a.id, a.status FROM article_tag n JOIN article a ON a.id = n.article_id")
                .query(rs -> {
                    String tag = recorded.tagOf(Slugs.from(rs.getString("name")));
                    written.computeIfAbsent(tag, t -> new TreeSet<>()).add(rs.getString("name"));
                    articles.computeIfAbsent(tag, t -> new java.util.HashSet<>())
                            .add(rs.getLong("id"));
                    if ("PUBLISHED".equals(rs.getString("status"))) {
                        published
                                .computeIfAbsent(tag, t -> new java.util.HashSet<>())
                                .add(rs.getLong("id"));
                    }
                });
        recorded.byTag().keySet().forEach(tag -> written.computeIfAbsent(tag, t -> new TreeSet<>()));
        String wanted = words == null ? "" : words.strip().toLowerCase(java.util.Locale.ROOT);
        var rows = new ArrayList<InUse>();
        written.forEach((tag, as) -> {
            var names = recorded.byTag().getOrDefault(tag, Map.of());
            boolean matches = wanted.isEmpty()
                    || tag.contains(Slugs.from(wanted))
                    || java.util.stream.Stream.concat(as.stream(), names.values().stream())
                            .anyMatch(name ->
                                    name.toLowerCase(java.util.Locale.ROOT).contains(wanted));
            if (matches) {
                rows.add(new InUse(
                        tag,
                        List.copyOf(as),
                        names,
                        published.getOrDefault(tag, java.util.Set.of()).size(),
                        articles.getOrDefault(tag, java.util.Set.of()).size()));
            }
        });
        return rows;
    }

    /** Why a name was refused: a message key, and the words to show with it. */
    record Refusal(String field, String key, String argument) {}

    /**
     * Names a tag in each language ({@code names}; a blank name removes that language's), or says
     * why not: a name too long, with nothing to make an address of, or already another tag's. A name that another tag
     * is only written with (and not named) joins that tag to this one. Every published article on
     * the tag, by its old names or its new ones, changes on every node.
     */
    @Transactional
    Optional<Refusal> name(String tag, Map<Language, String> names) {
        var before = readNames();
        for (var entry : names.entrySet()) {
            String name = entry.getValue();
            String field = entry.getKey().code();
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > ArticleContent.MAX_TAG) {
                return Optional.of(new Refusal(field, "tags.error.too-long", name));
            }
            if (!Slugs.hasOwn(name)) {
                return Optional.of(new Refusal(field, "tags.error.no-letters", name));
            }
            String nameSlug = Slugs.from(name);
            String owner = before.tagOfNameSlug().getOrDefault(nameSlug, nameSlug);
            boolean ownsNames =
                    before.byTag().containsKey(owner) || before.tagOfNameSlug().containsKey(nameSlug);
            if (!owner.equals(tag) && ownsNames) {
                String ownerName = before.byTag().getOrDefault(owner, Map.of()).values().stream()
                        .findFirst()
                        .orElse(owner);
                return Optional.of(new Refusal(field, "tags.error.taken", ownerName));
            }
        }
        var touched = new TreeSet<String>();
        touched.add(tag);
        before.tagOfNameSlug().forEach((nameSlug, owner) -> {
            if (owner.equals(tag)) {
                touched.add(nameSlug);
            }
        });
        names.forEach((language, name) -> {
            db.sql("DELETE FROM tag_name WHERE tag_slug = :tag AND language = :language")
                    .param("tag", tag)
                    .param("language", language.code())
                    .update();
            if (!name.isEmpty()) {
                touched.add(Slugs.from(name));
                db.sql("""
                                INSERT INTO tag_name (tag_slug, language, name, name_slug)
                                VALUES (:tag, :language, :name, :nameSlug)
                                """)
                        .param("tag", tag)
                        .param("language", language.code())
                        .param("name", name)
                        .param("nameSlug", Slugs.from(name))
                        .update();
            }
        });
        claimNames(tag);
        announceChangesOfArticlesWith(touched);
        return Optional.empty();
    }

    /**
     * Claims the slugs of the tag's names for it, and lets go of those it no longer has. Another
     * tag claiming one of them at the same moment makes this fail ({@link NameTaken}), and the
     * naming with it.
     */
    private void claimNames(String tag) {
        db.sql("DELETE FROM tag_name_claim WHERE tag_slug = :tag")
                .param("tag", tag)
                .update();
        // in one order everywhere, so two namings claiming the same two slugs never wait on each other
        var slugs = db.sql("SELECT DISTINCT name_slug FROM tag_name WHERE tag_slug = :tag ORDER BY name_slug")
                .param("tag", tag)
                .query(String.class)
                .list();
        for (String nameSlug : slugs) {
            try {
                db.sql("INSERT INTO tag_name_claim (name_slug, tag_slug) VALUES (:nameSlug, :tag)")
                        .param("nameSlug", nameSlug)
                        .param("tag", tag)
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException taken) {
                throw new NameTaken(nameSlug);
            }
        }
    }

    /** Another tag took a name's slug while this one was being named; nothing of the naming is kept. */
    static final class NameTaken extends RuntimeException {

        private final String nameSlug;

        NameTaken(String nameSlug) {
            super("the name " + nameSlug + " was just given to another tag");
            this.nameSlug = nameSlug;
        }

        String nameSlug() {
            return nameSlug;
        }
    }

    /** Each published article written with words of these slugs shows its tags anew, on every node. */
    private void announceChangesOfArticlesWith(java.util.Set<String> slugs) {
        var changed = new LinkedHashMap<Long, ArticleChanged>();
        db.sql("""
                        SELECT a.id, a.language, a.slug, n.name FROM article a
                        JOIN article_tag n ON n.article_id = a.id WHERE a.status = 'PUBLISHED'
                        """).query(rs -> {
            if (slugs.contains(Slugs.from(rs.getString("name")))) {
                changed.putIfAbsent(
                        rs.getLong("id"),
                        new ArticleChanged(
                                rs.getLong("id"), Language.valueOf(rs.getString("language")), rs.getString("slug")));
            }
        });
        changed.values().forEach(events::publishEvent);
    }

    /** Whether any article carries the tag, or it has names: the newsroom can name only such a tag. */
    boolean known(String tag) {
        return inUse(null).stream().anyMatch(row -> row.slug().equals(tag));
    }
}
