package press.tamizdat.newsletter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.Mail;
import press.tamizdat.mail.MailTemplate;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.IndexableArticles;
import press.tamizdat.publishing.Markdown;
import press.tamizdat.web.MirrorAddresses;
import press.tamizdat.web.SiteUrls;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * An edition as mail: HTML built from tables with inline styles (what mail clients render, with or
 * without images) and a plain-text part, rendered once per edition; each recipient's copy only
 * gets its own unsubscribe and preferences links. No pixel, no per-person link: nothing tracks
 * who opened or clicked.
 */
@Component
class EditionMails {

    /** Stand-ins for a recipient's own links, replaced in each copy; they cannot occur in content. */
    static final String UNSUBSCRIBE_MARK = "https://unsubscribe.invalid/mark";

    static final String PREFERENCES_MARK = "https://preferences.invalid/mark";

    /** Full text in mail keeps the words and links, not pictures: an image would be a request to us per reader. */
    private static final PolicyFactory MAIL_BODY = new HtmlPolicyBuilder()
            .allowElements(
                    "p",
                    "br",
                    "em",
                    "strong",
                    "b",
                    "i",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "h2",
                    "h3",
                    "h4",
                    "a",
                    "img",
                    "figcaption")
            .allowAttributes("href")
            .onElements("a")
            .allowAttributes("src", "alt", "width", "height")
            .onElements("img")
            .allowUrlProtocols("https", "http", "mailto")
            .requireRelsOnLinks("noopener")
            .toFactory();

    private final Editions editions;
    private final Articles articles;
    private final IndexableArticles indexable;
    private final Markdown markdown;
    private final Subscriptions subscriptions;
    private final SiteUrls urls;
    private final UiFactory uis;
    private final TemplateEngine templates;
    private final TamizdatSettings settings;
    private final ObjectProvider<MirrorAddresses> addresses;
    private final Cache<Long, Rendered> rendered = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(30))
            .maximumSize(20)
            .build();

    EditionMails(
            Editions editions,
            Articles articles,
            IndexableArticles indexable,
            Markdown markdown,
            Subscriptions subscriptions,
            SiteUrls urls,
            UiFactory uis,
            TemplateEngine templates,
            TamizdatSettings settings,
            ObjectProvider<MirrorAddresses> addresses) {
        this.addresses = addresses;
        this.editions = editions;
        this.articles = articles;
        this.indexable = indexable;
        this.markdown = markdown;
        this.subscriptions = subscriptions;
        this.urls = urls;
        this.uis = uis;
        this.templates = templates;
        this.settings = settings;
    }

    /** What the email template shows. */
    record Content(
            String subject,
            String newsletterName,
            String introHtml,
            List<Group> groups,
            String siteUrl,
            String unsubscribeUrl,
            String preferencesUrl) {}

    record Group(String heading, List<Entry> entries) {}

    record Entry(
            String headline,
            String url,
            String teaser,
            @Nullable String bodyHtml) {}

    /** An edition rendered once, as a mail template with each recipient's links left open. */
    record Rendered(long newsletterId, String fromAddress, String html, MailTemplate template) {}

    /** One recipient's copy: their own unsubscribe and preferences links, in the body and the headers. */
    MailTemplate.Copy addressed(Rendered rendered, long subscriberId, String email) {
        String unsubscribe = subscriptions.unsubscribeUrl(subscriberId, rendered.newsletterId());
        String preferences = subscriptions.preferencesUrl(subscriberId);
        return rendered.template()
                .to(
                        email,
                        Map.of(
                                "List-Unsubscribe",
                                "<" + unsubscribe + ">, <mailto:" + rendered.fromAddress() + "?subject=unsubscribe>"),
                        unsubscribe,
                        preferences);
    }

    Rendered rendered(long editionId) {
        return rendered.get(editionId, this::render);
    }

    /**
     * Where a link to a site page leads in this newsletter: the first healthy mirror or the onion
     * address when the newsroom chose it and there is one, else the main site.
     */
    private String link(Newsletter newsletter, String sitePath) {
        var others = addresses.getIfAvailable();
        Optional<String> elsewhere = others == null
                ? Optional.empty()
                : switch (newsletter.linkTo()) {
                    case SITE -> Optional.empty();
                    case MIRROR -> others.onFirstMirror(sitePath);
                    case ONION -> others.onOnion(sitePath);
                };
        return elsewhere.orElseGet(() -> urls.absolute(sitePath));
    }

    /**
     * Where a picture of a full-text edition comes from: the first healthy mirror when the
     * newsletter sends its readers elsewhere, else the main site. A mail client fetches pictures
     * itself, and none of them reaches an onion address.
     */
    private String picture(Newsletter newsletter, String sitePath) {
        var others = addresses.getIfAvailable();
        Optional<String> mirrored = others == null || newsletter.linkTo() == LinkTo.SITE
                ? Optional.empty()
                : others.onFirstMirror(sitePath);
        return mirrored.orElseGet(() -> urls.absolute(sitePath));
    }

    /** Renders the current state of an edition, for a preview or a test; sending uses {@link #rendered}. */
    Rendered render(long editionId) {
        var edition = editions.find(editionId).orElseThrow();
        var newsletter = edition.newsletter();
        var groups = new LinkedHashMap<String, List<Entry>>();
        var text = new StringBuilder();
        Locale locale = settings.site().language();
        Ui ui = uis.forLocale(locale);
        text.append(edition.subject()).append("\n\n");
        if (!edition.intro().isBlank()) {
            text.append(markdown.toPlainText(edition.intro()).strip()).append("\n\n");
        }
        String lastHeading = null;
        for (var item : edition.items()) {
            var article = articles.published(item.articleId());
            if (article.isEmpty()) {
                continue; // unpublished since it was picked
            }
            var a = article.get();
            String url = link(newsletter, a.path());
            String body = edition.fullText()
                    ? MAIL_BODY.sanitize(MailFigures.forMail(
                            a.bodyHtml(), path -> link(newsletter, path), path -> picture(newsletter, path), ui))
                    : null;
            groups.computeIfAbsent(item.heading(), heading -> new ArrayList<>())
                    .add(new Entry(a.headline(), url, item.teaser(), body));
            if (!item.heading().equals(lastHeading)) {
                text.append("== ").append(item.heading().toUpperCase(locale)).append(" ==\n\n");
                lastHeading = item.heading();
            }
            text.append(a.headline()).append('\n');
            if (!item.teaser().isBlank()) {
                text.append(item.teaser()).append('\n');
            }
            if (edition.fullText()) {
                indexable
                        .indexable(a.id())
                        .ifPresent(full ->
                                text.append('\n').append(full.text().strip()).append('\n'));
            }
            text.append(url).append("\n\n");
        }
        text.append("--\n")
                .append(ui.text(
                        "edition.mail.why", newsletter.name(), settings.site().name()))
                .append('\n')
                .append(ui.text("edition.mail.unsubscribe"))
                .append(": ")
                .append(UNSUBSCRIBE_MARK)
                .append('\n')
                .append(ui.text("edition.mail.preferences"))
                .append(": ")
                .append(PREFERENCES_MARK)
                .append('\n');
        if (!ui.mirrors().isEmpty()) {
            // the current other addresses, so subscribers learn a new one before the old is blocked
            text.append(ui.text("edition.mail.mirrors")).append('\n');
            ui.mirrors().forEach(mirror -> text.append(mirror).append('\n'));
        }
        var content = new Content(
                edition.subject(),
                newsletter.name(),
                markdown.toSafeHtml(edition.intro()),
                groups.entrySet().stream()
                        .map(e -> new Group(e.getKey(), e.getValue()))
                        .toList(),
                link(newsletter, "/"),
                UNSUBSCRIBE_MARK,
                PREFERENCES_MARK);
        var html = new StringOutput();
        templates.render("newsletter/edition-mail.jte", Map.of("ui", ui, "mail", content), html);
        var headers = new LinkedHashMap<String, String>();
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put(
                "List-Id",
                "<" + newsletter.slug() + "."
                        + urls.absolute("/").replaceFirst("^https?://", "").replaceAll("[:/].*$", "") + ">");
        var mail = new Mail(
                newsletter.senderAddress(),
                newsletter.senderName(),
                newsletter.senderAddress(),
                edition.subject(),
                text.toString(),
                html.toString(),
                headers);
        return new Rendered(
                newsletter.id(),
                newsletter.senderAddress(),
                html.toString(),
                MailTemplate.of(mail, List.of(UNSUBSCRIBE_MARK, PREFERENCES_MARK)));
    }
}
