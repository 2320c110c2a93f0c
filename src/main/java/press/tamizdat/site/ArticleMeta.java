package press.tamizdat.site;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.PublishedArticle;
import press.tamizdat.web.InlineJson;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an article page tells search engines and link previews: its canonical address, OpenGraph
 * and Twitter card tags, JSON-LD {@code NewsArticle}, and the links that share it. These are the
 * page's only absolute URLs.
 */
record ArticleMeta(
        String canonical,
        String description,
        @Nullable String image,
        @Nullable String imageAlt,
        String published,
        String modified,
        String locale,
        String section,
        List<String> tags,
        String jsonLd,
        @Nullable String translation,
        ShareLinks share) {

    @Component
    static class Factory {

        private final SiteUrls urls;
        private final TamizdatSettings settings;
        private final JsonMapper json;

        Factory(SiteUrls urls, TamizdatSettings settings, JsonMapper json) {
            this.urls = urls;
            this.settings = settings;
            this.json = json;
        }

        ArticleMeta of(PublishedArticle article) {
            String canonical = urls.absolute(article.path());
            String description = article.subheadline() != null ? article.subheadline() : article.headline();
            String image = article.photo() == null
                    ? null
                    : urls.absolute(article.photo().src());
            String published = DateTimeFormatter.ISO_INSTANT.format(article.publishedAt());
            String modified = DateTimeFormatter.ISO_INSTANT.format(
                    article.updatedAt() != null ? article.updatedAt() : article.publishedAt());
            var data = new LinkedHashMap<String, Object>();
            data.put("@context", "https://schema.org");
            data.put("@type", "NewsArticle");
            data.put("mainEntityOfPage", canonical);
            data.put("headline", article.headline());
            data.put("description", description);
            data.put("inLanguage", article.language().code());
            data.put("datePublished", published);
            data.put("dateModified", modified);
            data.put("articleSection", article.section().name());
            if (!article.tags().isEmpty()) {
                data.put("keywords", String.join(", ", tagNames(article)));
            }
            if (image != null) {
                data.put("image", List.of(image));
            }
            data.put(
                    "author",
                    article.bylines().stream()
                            .map(name -> Map.of(
                                    "@type", "Person", "name", name, "url", urls.absolute(PublicPaths.author(name))))
                            .toList());
            data.put(
                    "publisher",
                    Map.of(
                            "@type",
                            "NewsMediaOrganization",
                            "name",
                            settings.site().name(),
                            "url",
                            urls.absolute("/")));
            // inside <script> a "</" would end the element; JSON allows "<\/" for the same text
            String jsonLd = InlineJson.escape(json.writeValueAsString(data));
            return new ArticleMeta(
                    canonical,
                    description,
                    image,
                    article.photo() == null ? null : article.photo().alt(),
                    published,
                    modified,
                    article.language().locale().toLanguageTag().replace('-', '_'),
                    article.section().name(),
                    tagNames(article),
                    jsonLd,
                    article.translation() == null
                            ? null
                            : urls.absolute(article.translation().path()),
                    ShareLinks.of(canonical, article.headline()));
        }
    }

    private static List<String> tagNames(press.tamizdat.publishing.PublishedArticle article) {
        return article.tags().stream()
                .map(press.tamizdat.publishing.TagName::name)
                .toList();
    }
}
