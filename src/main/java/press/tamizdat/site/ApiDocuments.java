package press.tamizdat.site;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Slugs;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.Label;
import press.tamizdat.publishing.PublishedArticle;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * The Content API's documents, as {@code api/openapi.json} describes them: a published article as
 * a summary (in lists) or whole, and a tag or author with its articles' count; every address in
 * them absolute where an app needs it, relative paths beside for mirrors.
 */
@Component
class ApiDocuments {

    private final Articles articles;
    private final SiteUrls urls;
    private final press.tamizdat.web.LanguageEditions editions;

    ApiDocuments(Articles articles, SiteUrls urls, press.tamizdat.web.LanguageEditions editions) {
        this.articles = articles;
        this.urls = urls;
        this.editions = editions;
    }

    record ArticleSummary(
            long id,
            String language,
            String slug,
            String headline,
            @Nullable String standfirst,
            String url,
            String path,
            String apiPath,
            Named section,
            List<Named> tags,
            List<Named> authors,
            Instant publishedAt,
            Instant updatedAt,
            @Nullable Lead lead) {}

    record ArticleDocument(
            long id,
            String language,
            String slug,
            String headline,
            @Nullable String standfirst,
            String url,
            String path,
            String apiPath,
            Named section,
            List<Named> tags,
            List<Named> authors,
            Instant publishedAt,
            Instant updatedAt,
            @Nullable Lead lead,
            String bodyHtml,
            String bodyText,
            List<Correction> corrections,
            @Nullable Translation translation) {}

    /** A section, tag or author as an article names it, with its page. */
    record Named(String slug, String name, String path) {}

    /**
     * What leads the article: a photo of ours ({@code src}, sizes, alt text) or a video on another
     * site ({@code url} to watch it); both with caption and credit.
     */
    record Lead(
            String kind,
            @Nullable String src,
            @Nullable String srcset,
            @Nullable Integer width,
            @Nullable Integer height,
            @Nullable String alt,
            @Nullable String url,
            @Nullable String host,
            @Nullable String caption,
            @Nullable String credit) {}

    record Correction(Instant notedAt, String text) {}

    record Translation(String language, String path, String apiPath) {}

    record SectionItem(
            String slug, String name, Map<String, String> names, String path, String url, String articlesApiPath) {}

    record LabelItem(String slug, String name, long articles, String path, String url, String articlesApiPath) {}

    ArticleSummary summary(PublishedArticle article) {
        return new ArticleSummary(
                article.id(),
                article.language().code(),
                slugOf(article),
                article.headline(),
                article.subheadline(),
                urls.absolute(article.path()),
                article.path(),
                PublicPaths.API + "/articles" + article.path(),
                section(article),
                // each tag's page in the article's edition, the one that lists it
                article.tags().stream()
                        .map(tag -> new Named(
                                tag.slug(), tag.name(), editions.path(article.language(), PublicPaths.tag(tag.slug()))))
                        .toList(),
                authors(article),
                article.publishedAt(),
                updatedAt(article),
                lead(article));
    }

    ArticleDocument full(PublishedArticle article) {
        var summary = summary(article);
        var translation = article.translation();
        return new ArticleDocument(
                summary.id(),
                summary.language(),
                summary.slug(),
                summary.headline(),
                summary.standfirst(),
                summary.url(),
                summary.path(),
                summary.apiPath(),
                summary.section(),
                summary.tags(),
                summary.authors(),
                summary.publishedAt(),
                summary.updatedAt(),
                summary.lead(),
                urls.absolutizeHtml(article.bodyHtml()),
                articles.plainText(article),
                article.corrections().stream()
                        .map(note -> new Correction(note.notedAt(), note.text()))
                        .toList(),
                translation == null
                        ? null
                        : new Translation(
                                translation.language().code(),
                                translation.path(),
                                PublicPaths.API + "/articles" + translation.path()));
    }

    private static String slugOf(PublishedArticle article) {
        return article.path().substring(article.path().lastIndexOf('/') + 1);
    }

    private static Named section(PublishedArticle article) {
        var section = article.section();
        return new Named(section.slug(), section.name(), PublicPaths.section(section.slug()));
    }

    private static List<Named> authors(PublishedArticle article) {
        return article.bylines().stream()
                .map(byline -> new Named(Slugs.from(byline), byline, PublicPaths.author(byline)))
                .toList();
    }

    private static Instant updatedAt(PublishedArticle article) {
        return article.updatedAt() != null ? article.updatedAt() : article.publishedAt();
    }

    private @Nullable Lead lead(PublishedArticle article) {
        var photo = article.photo();
        if (photo != null) {
            return new Lead(
                    "photo",
                    absolute(photo.src()),
                    absoluteSources(photo.srcset()),
                    photo.width(),
                    photo.height(),
                    photo.alt(),
                    null,
                    null,
                    photo.caption(),
                    photo.credit());
        }
        var video = article.video();
        if (video != null) {
            return new Lead(
                    "video",
                    null,
                    null,
                    null,
                    null,
                    null,
                    video.watchUrl(),
                    video.host(),
                    video.caption(),
                    video.credit());
        }
        return null;
    }

    private String absolute(String src) {
        return src.startsWith("/") ? urls.absolute(src) : src;
    }

    private String absoluteSources(String srcset) {
        var sources = new StringBuilder();
        for (String candidate : srcset.split(",")) {
            String[] parts = candidate.strip().split("\\s+", 2);
            if (parts[0].isEmpty()) {
                continue;
            }
            if (!sources.isEmpty()) {
                sources.append(", ");
            }
            sources.append(absolute(parts[0]));
            if (parts.length > 1) {
                sources.append(' ').append(parts[1]);
            }
        }
        return sources.toString();
    }

    LabelItem label(Label label, String kind) {
        String path = kind.equals("tag") ? PublicPaths.tag(label.slug()) : PublicPaths.author(label.name());
        return new LabelItem(
                label.slug(),
                label.name(),
                label.articles(),
                path,
                urls.absolute(path),
                PublicPaths.API_ARTICLES + "?" + kind + "=" + label.slug());
    }
}
