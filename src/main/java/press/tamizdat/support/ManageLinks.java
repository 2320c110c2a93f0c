package press.tamizdat.support;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * "Manage my support" without an account: a mailed link, signed, expiring and good for one use,
 * opens the page; the page then carries its own short-lived signed token in its forms (no cookie,
 * so no other site can make a supporter's browser act on the page).
 */
@Component
class ManageLinks {

    private static final String LINK = "support-manage-link";
    private static final String PAGE = "support-manage-page";

    private final SignedTokens tokens;
    private final JdbcClient db;
    private final SiteUrls urls;
    private final SupportSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ManageLinks(SignedTokens tokens, JdbcClient db, SiteUrls urls, SupportSettings settings, Clock clock) {
        this.tokens = tokens;
        this.db = db;
        this.urls = urls;
        this.settings = settings;
        this.clock = clock;
    }

    /** The absolute link to mail to a supporter. */
    String link(long supporter) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String token = tokens.sign(
                LINK,
                supporter + "-" + HexFormat.of().formatHex(nonce),
                clock.instant().plus(settings.manageLinkValidity()));
        return urls.absolute(PublicPaths.SUPPORT_MANAGE + "?token=" + token);
    }

    /** The supporter a link was made for, if it holds, has not expired and has not been used; it is used now. */
    Optional<Long> use(String token) {
        var subject = tokens.verify(LINK, token, clock.instant());
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = subject.get().split("-", 2);
        var expires = OffsetDateTime.ofInstant(clock.instant().plus(settings.manageLinkValidity()), ZoneOffset.UTC);
        int first = db.sql("INSERT INTO used_link (nonce, expires_at) VALUES (:nonce, :expires) ON CONFLICT DO NOTHING")
                .param("nonce", parts[1])
                .param("expires", expires)
                .update();
        return first == 1 ? Optional.of(Long.parseLong(parts[0])) : Optional.empty();
    }

    /** Whether a link is well made and unexpired, without using it (to show the button that uses it). */
    boolean holds(String token) {
        return tokens.verify(LINK, token, clock.instant()).isPresent();
    }

    String page(long supporter) {
        return tokens.sign(PAGE, Long.toString(supporter), clock.instant().plus(settings.managePageValidity()));
    }

    Optional<Long> supporterOf(String pageToken) {
        return tokens.verify(PAGE, pageToken, clock.instant()).map(Long::parseLong);
    }

    /** Used links are forgotten once they would have expired anyway. */
    int forgetExpired() {
        return db.sql("DELETE FROM used_link WHERE expires_at < :now")
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
    }
}
