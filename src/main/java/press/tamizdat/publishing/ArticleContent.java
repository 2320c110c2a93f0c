package press.tamizdat.publishing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;
import press.tamizdat.web.PublicPaths;

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
    // the lead's fields and the names, as long as their columns
    static final int MAX_ALT = 600;
    static final int MAX_CAPTION = 600;
    static final int MAX_CREDIT = 200;
    static final int MAX_VIDEO_URL = 600;
    static final int MAX_BYLINE = 200;
    static final int MAX_TAG = 100;
    static final int MAX_CORRECTION = 2_000;

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
        } else if (PublicPaths.RESERVED_SLUGS.contains(slug)) {
            // /ru/newsletter is the Russian edition's signup page, not an article
            problems.put("slug", "article.error.slug-reserved");
        }
        if (body.length() > MAX_BODY) {
            problems.put("body", "article.error.body-too-long");
        }
        if (bylines.stream().anyMatch(b -> b.length() > MAX_BYLINE)
                || tags.stream().anyMatch(t -> t.length() > MAX_TAG)) {
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
        if (lead != null) {
            tooLong(problems, "leadAlt", lead.alt(), MAX_ALT, "article.error.alt-too-long");
            tooLong(problems, "leadCaption", lead.caption(), MAX_CAPTION, "article.error.caption-too-long");
            tooLong(problems, "leadCredit", lead.credit(), MAX_CREDIT, "article.error.credit-too-long");
            tooLong(problems, "leadVideoUrl", lead.videoUrl(), MAX_VIDEO_URL, "article.error.video-url-too-long");
        }
        return problems;
    }

    /** Notes a field longer than {@code limit}, unless it has a problem already. */
    private static void tooLong(
            Map<String, String> problems, String field, @Nullable String value, int limit, String message) {
        if (value != null && value.length() > limit) {
            problems.putIfAbsent(field, message);
        }
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
