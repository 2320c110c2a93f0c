package press.tamizdat.newsletter;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.Markdown;
import press.tamizdat.web.LanguageEditions;
import press.tamizdat.web.PageLocales;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.UiFactory;

/**
 * Sent editions as web pages: {@code /newsletter/latest} (the signup block's preview) and the
 * archive at {@code /newsletter/archive}, each language edition's own ({@code /ru/newsletter/…}).
 * They link relatively, like every public page.
 */
@Controller
class ArchivePages {

    private final JdbcClient db;
    private final Editions editions;
    private final Articles articles;
    private final Markdown markdown;
    private final UiFactory uis;
    private final LanguageEditions languages;

    ArchivePages(
            JdbcClient db,
            Editions editions,
            Articles articles,
            Markdown markdown,
            UiFactory uis,
            LanguageEditions languageEditions) {
        this.languages = languageEditions;
        this.db = db;
        this.editions = editions;
        this.articles = articles;
        this.markdown = markdown;
        this.uis = uis;
    }

    record Sent(long id, String subject, String newsletterName, Instant sentAt) {}

    record Archive(List<Sent> editions) {}

    record Entry(String headline, String path, String teaser) {}

    record Group(String heading, List<Entry> entries) {}

    record EditionPage(String subject, String newsletterName, Instant sentAt, String introHtml, List<Group> groups) {}

    @GetMapping(PublicPaths.NEWSLETTER_ARCHIVE)
    String archive(HttpServletRequest request, Model model) {
        return archive(languages.siteLanguage(), request, model);
    }

    /** The other edition's archive ({@code /ru/newsletter/archive}): its newsletters' editions. */
    @GetMapping(PublicPaths.EDITION_NEWSLETTER_ARCHIVE)
    String archive(@PathVariable String language, HttpServletRequest request, Model model) {
        Language chosen = Language.fromCode(language).orElseThrow();
        PageLocales.setContentLanguage(request, chosen.locale());
        return archive(chosen, request, model);
    }

    private String archive(Language language, HttpServletRequest request, Model model) {
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", new Archive(sent(200, language)));
        return "newsletter/archive";
    }

    @GetMapping(PublicPaths.NEWSLETTER_LATEST)
    String latest(HttpServletRequest request, Model model) {
        return latest(languages.siteLanguage(), request, model);
    }

    @GetMapping(PublicPaths.EDITION_NEWSLETTER_LATEST)
    String latest(@PathVariable String language, HttpServletRequest request, Model model) {
        Language chosen = Language.fromCode(language).orElseThrow();
        PageLocales.setContentLanguage(request, chosen.locale());
        return latest(chosen, request, model);
    }

    private String latest(Language language, HttpServletRequest request, Model model) {
        var latest = sent(1, language);
        if (latest.isEmpty()) {
            return archive(language, request, model);
        }
        return show(latest.getFirst().id(), request, model);
    }

    @GetMapping(PublicPaths.NEWSLETTER_ARCHIVE + "/{id}")
    String edition(@PathVariable long id, HttpServletRequest request, Model model) {
        return show(id, request, model);
    }

    private String show(long id, HttpServletRequest request, Model model) {
        var edition = editions.find(id)
                .filter(e -> e.status() == EditionStatus.SENT && e.sentAt() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var groups = new LinkedHashMap<String, List<Entry>>();
        for (var item : edition.items()) {
            articles.published(item.articleId())
                    .ifPresent(a -> groups.computeIfAbsent(item.heading(), h -> new ArrayList<>())
                            .add(new Entry(a.headline(), a.path(), item.teaser())));
        }
        PageLocales.setContentLanguage(request, edition.newsletter().language().locale());
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new EditionPage(
                        edition.subject(),
                        edition.newsletter().name(),
                        edition.sentAt(),
                        markdown.toSafeHtml(edition.intro()),
                        groups.entrySet().stream()
                                .map(e -> new Group(e.getKey(), e.getValue()))
                                .toList()));
        return "newsletter/edition-page";
    }

    private List<Sent> sent(int limit, Language language) {
        return db.sql("""
                        SELECT e.id, e.subject, n.name, e.sent_at FROM edition e JOIN newsletter n ON n.id = e.newsletter_id
                        WHERE e.status = 'SENT' AND e.sent_at IS NOT NULL AND n.language = :language
                        ORDER BY e.sent_at DESC, e.id DESC LIMIT :limit
                        """)
                .param("limit", limit)
                .param("language", language.code())
                .query((rs, n) -> new Sent(
                        rs.getLong("id"),
                        rs.getString("subject"),
                        rs.getString("name"),
                        rs.getObject("sent_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
