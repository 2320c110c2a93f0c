package press.tamizdat.publishing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;

/**
 * The article editor's fields exactly as typed, so a form with problems comes back with nothing
 * lost. Bylines go one per line, tags separated by commas.
 */
record ArticleForm(
        @Nullable Long version,
        @Nullable String language,
        @Nullable String slug,
        @Nullable String headline,
        @Nullable String subheadline,
        @Nullable String body,
        @Nullable Long sectionId,
        @Nullable String bylines,
        @Nullable String tags,
        @Nullable String leadKind,
        @Nullable Long leadMediaId,
        @Nullable String leadAlt,
        @Nullable String leadCaption,
        @Nullable String leadCredit,
        @Nullable String leadVideoUrl,
        @Nullable String correction,
        @Nullable String publishAt,
        @Nullable Boolean offChannels,
        @Nullable Boolean materialUpdate) {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static ArticleForm blank(String byline, long sectionId) {
        return new ArticleForm(
                null, "en", "", "", "", "", sectionId, byline, "", "none", null, "", "", "", "", "", "", false, false);
    }

    static ArticleForm of(Article article, ZoneId zone) {
        ArticleContent c = article.content();
        LeadMedia lead = c.lead();
        return new ArticleForm(
                article.version(),
                c.language().code(),
                c.slug(),
                c.headline(),
                c.subheadline(),
                c.body(),
                c.sectionId(),
                String.join("\n", c.bylines()),
                String.join(", ", c.tags()),
                lead == null ? "none" : lead.kind().name().toLowerCase(java.util.Locale.ROOT),
                lead == null ? null : lead.mediaId(),
                lead == null ? "" : lead.alt(),
                lead == null ? "" : lead.caption(),
                lead == null ? "" : lead.credit(),
                lead == null ? "" : lead.videoUrl(),
                "",
                article.publishAt() == null
                        ? ""
                        : LOCAL.format(article.publishAt().atZone(zone)),
                null,
                false);
    }

    ArticleForm withLeadPhoto(long mediaId) {
        return new ArticleForm(
                version,
                language,
                slug,
                headline,
                subheadline,
                body,
                sectionId,
                bylines,
                tags,
                "photo",
                mediaId,
                leadAlt,
                leadCaption,
                leadCredit,
                leadVideoUrl,
                correction,
                publishAt,
                offChannels,
                materialUpdate);
    }

    ArticleForm withOffChannels(boolean off) {
        return new ArticleForm(
                version,
                language,
                slug,
                headline,
                subheadline,
                body,
                sectionId,
                bylines,
                tags,
                leadKind,
                leadMediaId,
                leadAlt,
                leadCaption,
                leadCredit,
                leadVideoUrl,
                correction,
                publishAt,
                off,
                materialUpdate);
    }

    /** Whether the editor marked the edit as one readers should be told of. */
    boolean isMaterialUpdate() {
        return Boolean.TRUE.equals(materialUpdate);
    }

    /** Whether the editor asked to keep the article off the outlet's channels. */
    boolean keptOffChannels() {
        return Boolean.TRUE.equals(offChannels);
    }

    ArticleForm withPublishAt(@Nullable String time) {
        return new ArticleForm(
                version,
                language,
                slug,
                headline,
                subheadline,
                body,
                sectionId,
                bylines,
                tags,
                leadKind,
                leadMediaId,
                leadAlt,
                leadCaption,
                leadCredit,
                leadVideoUrl,
                correction,
                time,
                offChannels,
                materialUpdate);
    }

    /** The content this form describes; a blank slug is made from the headline. */
    ArticleContent content() {
        String head = text(headline);
        String slugText = text(slug).isBlank() ? Slugs.from(head) : text(slug).strip();
        LeadMedia lead = switch (text(leadKind)) {
            case "photo" ->
                leadMediaId == null
                        ? null
                        : LeadMedia.photo(
                                leadMediaId, text(leadAlt).strip(), blankToNull(leadCaption), blankToNull(leadCredit));
            case "video" ->
                LeadMedia.video(text(leadVideoUrl).strip(), blankToNull(leadCaption), blankToNull(leadCredit));
            default -> null;
        };
        return new ArticleContent(
                Language.fromCode(text(language)).orElse(Language.EN),
                slugText,
                head.strip(),
                blankToNull(subheadline),
                text(body).replace("\r\n", "\n"),
                Objects.requireNonNullElse(sectionId, 0L),
                lines(bylines, "\n"),
                lines(tags, ",").stream()
                        .map(t -> t.toLowerCase(java.util.Locale.ROOT))
                        .distinct()
                        .toList(),
                lead);
    }

    /** The scheduled time typed in the newsroom's zone, or empty when it is missing or malformed. */
    Optional<Instant> scheduledTime(ZoneId zone) {
        try {
            // browsers send minutes, or seconds when the field allows them
            return Optional.of(LocalDateTime.parse(text(publishAt).strip(), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .atZone(zone)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> lines(@Nullable String text, String separator) {
        return Arrays.stream(text(text).split(separator))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
