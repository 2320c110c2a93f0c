package press.tamizdat.web;

import gg.jte.support.LocalizationSupport;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * What every template needs besides its own record: messages in the reader's language, the CSRF
 * token for forms, the site's name and time zone, the signed-in staff member's name, if any, and
 * the site's navigation and call to support (and how long a reader's browser keeps it quiet), the outlet's other addresses (mirrors, onion), and
 * the light (text-only) edition of the page; the language edition the page belongs to (its
 * addresses' prefix) and the link to the other one.
 */
public record Ui(
        Locale locale,
        MessageSource messages,
        String siteName,
        ZoneId zone,
        @Nullable CsrfToken csrf,
        @Nullable String staffName,
        List<Link> navigation,
        @Nullable Link supportBanner,
        SupportCall.@Nullable Quiet quiet,
        List<String> mirrors,
        @Nullable String askAddress,
        String lightPath,
        String editionPrefix,
        Link otherEdition)
        implements LocalizationSupport {

    /** The front page of the page's edition. */
    public String home() {
        return editionPrefix.isEmpty() ? PublicPaths.HOME : editionPrefix;
    }

    /** A link in the site's navigation. */
    public record Link(String label, String href) {}

    @Override
    public String lookup(String key) {
        return messages.getMessage(key, null, key, locale);
    }

    /** A message as plain text, for places that take a string (a page title, a form problem). */
    public String text(String key, Object... params) {
        return messages.getMessage(key, params, key, locale);
    }

    public String lang() {
        return locale.getLanguage();
    }

    /** A day, as the reader's language writes it, in the site's zone. */
    public String date(@Nullable Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(locale)
                .withZone(zone)
                .format(instant);
    }

    public String dateTime(@Nullable Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone)
                .format(instant);
    }

    /** Machine-readable time for {@code <time datetime>}, to the second (HTML allows at most milliseconds). */
    public String isoDateTime(@Nullable Instant instant) {
        return instant == null
                ? ""
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone).format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
