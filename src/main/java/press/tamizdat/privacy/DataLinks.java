package press.tamizdat.privacy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.KeyFiles;
import press.tamizdat.platform.Sealer;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * "My data" without an account. A mailed link, signed, expiring and good for one use, carries the
 * address sealed (AES-GCM), so nothing about a request is stored until it is used; the page it
 * opens carries its own short-lived signed token in its forms instead of a cookie.
 */
@Component
class DataLinks {

    private static final String LINK = "privacy-data-link";
    private static final String PAGE = "privacy-data-page";

    private final SignedTokens tokens;
    private final Sealer addresses;
    private final JdbcClient db;
    private final SiteUrls urls;
    private final PrivacySettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DataLinks(
            SignedTokens tokens,
            JdbcClient db,
            SiteUrls urls,
            PrivacySettings settings,
            TamizdatSettings site,
            @Value("${tamizdat.secret:}") String secret,
            Clock clock) {
        this.tokens = tokens;
        this.addresses = new Sealer(KeyFiles.key(secret, site.dataDir().resolve("secret.key")), "privacy-addresses");
        this.db = db;
        this.urls = urls;
        this.settings = settings;
        this.clock = clock;
    }

    /** The absolute link to mail to the owner of {@code email}. */
    String link(String email) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String token = tokens.sign(
                LINK,
                addresses.seal(email) + "~" + HexFormat.of().formatHex(nonce),
                clock.instant().plus(settings.linkValidity()));
        return urls.absolute(PublicPaths.MY_DATA + "?token=" + token);
    }

    /** Whether a link is well made and unexpired, without using it (to show the button that uses it). */
    boolean holds(String token) {
        return tokens.verify(LINK, token, clock.instant()).isPresent();
    }

    /** The address a link was made for, if it holds, has not expired and has not been used; it is used now. */
    Optional<String> use(String token) {
        var subject = tokens.verify(LINK, token, clock.instant());
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = subject.get().split("~", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        var expires = OffsetDateTime.ofInstant(clock.instant().plus(settings.linkValidity()), ZoneOffset.UTC);
        int first =
                db.sql("""
                        INSERT INTO used_data_link (nonce, expires_at) VALUES (:nonce, :expires)
                        ON CONFLICT DO NOTHING
                        """).param("nonce", parts[1]).param("expires", expires).update();
        return first == 1 ? open(parts[0]) : Optional.empty();
    }

    /** The token the opened page carries in its forms. */
    String page(String email) {
        return tokens.sign(PAGE, addresses.seal(email), clock.instant().plus(settings.pageValidity()));
    }

    /** The address of an opened page, while its token lasts. */
    Optional<String> addressOf(String pageToken) {
        return tokens.verify(PAGE, pageToken, clock.instant()).flatMap(this::open);
    }

    /** Signed by us, so only a changed key (a new {@code TAMIZDAT_SECRET}) keeps it from opening. */
    private Optional<String> open(String sealed) {
        try {
            return Optional.of(addresses.open(sealed));
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Used links are forgotten once they would have expired anyway. */
    int forgetExpired() {
        return db.sql("DELETE FROM used_data_link WHERE expires_at < :now")
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
    }
}
