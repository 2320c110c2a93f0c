package press.tamizdat.publishing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;

/**
 * Everything an editor writes in an article: what one save changes and what a revision keeps.
 * {@link #problems()} names each field that cannot be saved, with its message key.
 */
record ArticleContent(
        Language language,
        String slug,
        String headline,
        @Nullable String subheadline,
        String body,
        long sectionId,
        List<String> bylines,
        List<String> tags,
        @Nullable LeadMedia lead) {

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_HEADLINE = 300;
    static final int MAX_SUBHEADLINE = 600;
    static final int MAX_SLUG = 160;
    static final int MAX_BODY = 1_000_000;

    Map<String, String> problems() {
        var problems = new LinkedHashMap<String, String>();
        if (headline.isBlank()) {
            problems.put("headline", "article.error.headline-required");
        } else if (headline.length() > MAX_HEADLINE) {
            problems.put("headline", "article.error.headline-too-long");
        }
        if (subheadline != null && subheadline.length() > MAX_SUBHEADLINE) {
            problems.put("subheadline", "article.error.subheadline-too-long");
        }
        if (slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches()) {
            problems.put("slug", "article.error.slug-invalid");
        }
        if (body.length() > MAX_BODY) {
            problems.put("body", "article.error.body-too-long");
        }
        if (bylines.stream().anyMatch(b -> b.length() > 200) || tags.stream().anyMatch(t -> t.length() > 100)) {
            problems.put("bylines", "article.error.names-too-long");
        }
        if (lead != null
                && lead.kind() == LeadMedia.Kind.PHOTO
                && (lead.alt() == null || lead.alt().isBlank())) {
            problems.put("leadAlt", "article.error.alt-required");
        }
        if (lead != null
                && lead.kind() == LeadMedia.Kind.VIDEO
                && !LeadMedia.isVideoUrl(String.valueOf(lead.videoUrl()))) {
            problems.put("leadVideoUrl", "article.error.video-url");
        }
        return problems;
    }

    /** What must hold before anyone can read it: a headline, a body and a byline. */
    Map<String, String> problemsBeforePublishing() {
        var problems = new LinkedHashMap<>(problems());
        if (body.isBlank()) {
            problems.put("body", "article.error.body-required");
        }
        if (bylines.isEmpty()) {
            problems.put("bylines", "article.error.byline-required");
        }
        return problems;
    }
}
