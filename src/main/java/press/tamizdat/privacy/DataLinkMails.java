package press.tamizdat.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.Notices;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * Mails a "my data" link, in the background, and only to an address something is held about: the
 * page answers at once and alike for every address, so it tells nobody whether an address is known.
 * Nothing about the request is stored; a mail that cannot be sent is lost, and the reader asks again.
 */
@Component
class DataLinkMails {

    private static final Logger log = LoggerFactory.getLogger(DataLinkMails.class);

    private final PersonalData data;
    private final PersonalLinks links;
    private final PersonalLinks.Kind kind;
    private final SiteUrls urls;
    private final Notices notices;
    private final TaskExecutor background;
    /**
     * Addresses asked for in the last hour, as SHA-256 hashes in memory only: asking again does not
     * mail again, so nobody can fill a reader's inbox with these links.
     */
    private final Cache<String, Boolean> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    DataLinkMails(
            PersonalData data,
            PersonalLinks links,
            PrivacySettings privacy,
            SiteUrls urls,
            Notices notices,
            @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.data = data;
        this.links = links;
        this.kind = privacy.dataLinks();
        this.urls = urls;
        this.notices = notices;
        this.background = background;
    }

    void request(String email, Locale locale) {
        background.execute(() -> send(email, locale));
    }

    private void send(String email, Locale locale) {
        String key = hash(email);
        if (recent.asMap().putIfAbsent(key, true) != null) {
            return;
        }
        if (!data.holdsAnything(email)) {
            return;
        }
        try {
            notices.send(
                    email,
                    locale,
                    "privacy.mail",
                    urls.absolute(PublicPaths.MY_DATA + "?token=" + links.link(kind, email)));
        } catch (MailFailure | RuntimeException e) {
            recent.invalidate(key);
            // the failure's text usually quotes the recipient: only its kind goes to the log
            log.warn("A \"my data\" link could not be mailed ({})", e.getClass().getSimpleName());
        }
    }

    private static String hash(String email) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(email.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
