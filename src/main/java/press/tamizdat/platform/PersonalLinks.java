package press.tamizdat.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * A page about one person without an account ("Your data", "Manage my support"): a mailed link,
 * signed, expiring and good for one use, opens it; the opened page then carries its own short-lived
 * signed token in its forms instead of a cookie, so no other site can make the reader's browser act
 * on it. The subject (an address, a supporter) travels sealed (AES-GCM), so nothing about a request
 * is stored before the link is used and a link shows nothing to whoever reads it in transit.
 */
@Component
public class PersonalLinks {

    /**
     * What a link opens: a name (tokens for one kind never open another), how long a mailed link
     * works and how long the page it opens lasts.
     */
    public record Kind(String name, Duration linkValidity, Duration pageValidity) {}

    /**
     * Which part of a personal page shows: the form that asks for a link, word that it was sent, the
     * button that uses a mailed link (a click, so a mail scanner fetching the link does not use it
     * up), word that a link no longer works, the reader's own page, and what is left after erasure.
     */
    public enum Step {
        ASK,
        SENT,
        OPEN,
        EXPIRED,
        OWN,
        ERASED
    }

    private static final String NONCE = "~";

    private final SignedTokens tokens;
    private final SingleUse singleUse;
    private final Sealer subjects;
    /**
     * Links mailed before personal links were one mechanism sealed "Your data"'s address for
     * {@code privacy-addresses}, and "Manage my support" carried the supporter's number plainly
     * ({@code <number>-<nonce>}); both are still opened until the last of them expires. Remove
     * with this field after 2026-12-20 (14 days, the longest a link lasts, after the change).
     */
    private final Sealer earlierSubjects;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PersonalLinks(SignedTokens tokens, SingleUse singleUse, TamizdatSettings settings, Clock clock, Keys keys) {
        this.tokens = tokens;
        this.singleUse = singleUse;
        byte[] key = keys.load(
                "TAMIZDAT_SECRET", settings.secret(), settings.dataDir().resolve("secret.key"));
        this.subjects = new Sealer(key, "personal-links");
        this.earlierSubjects = new Sealer(key, "privacy-addresses");
        this.clock = clock;
    }

    /** The token of a new mailed link to {@code subject}'s page; the caller puts it in the page's address. */
    public String link(Kind kind, String subject) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return tokens.sign(
                kind.name() + "-link",
                subjects.seal(subject) + NONCE + HexFormat.of().formatHex(nonce),
                clock.instant().plus(kind.linkValidity()));
    }

    /** Whether a link is well made and unexpired, without using it (to show the button that uses it). */
    public boolean holds(Kind kind, String token) {
        return tokens.verify(kind.name() + "-link", token, clock.instant()).isPresent();
    }

    /** What a page shows on arrival with {@code token}: the form without one, the button while it holds. */
    public Step arrival(Kind kind, String token) {
        if (token.isEmpty()) {
            return Step.ASK;
        }
        return holds(kind, token) ? Step.OPEN : Step.EXPIRED;
    }

    /** The subject a link was made for, if it holds, has not expired and has not been used; it is used now. */
    public Optional<String> use(Kind kind, String token) {
        var signed = tokens.verify(kind.name() + "-link", token, clock.instant());
        if (signed.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = signed.get().split(NONCE, 2);
        if (parts.length != 2) {
            // made before the change: "<number>-<nonce>" (see earlierSubjects)
            parts = signed.get().split("-", 2);
        }
        if (parts.length != 2) {
            return Optional.empty();
        }
        var subject = open(parts[0]);
        boolean first = subject.isPresent()
                && singleUse.firstUse(
                        kind.name() + ":" + parts[1], clock.instant().plus(kind.linkValidity()));
        return first ? subject : Optional.empty();
    }

    /** The token the opened page carries in its forms. */
    public String page(Kind kind, String subject) {
        return tokens.sign(
                kind.name() + "-page", subjects.seal(subject), clock.instant().plus(kind.pageValidity()));
    }

    /** The subject of an opened page, while its token lasts. */
    public Optional<String> subjectOf(Kind kind, String pageToken) {
        return tokens.verify(kind.name() + "-page", pageToken, clock.instant()).flatMap(this::open);
    }

    /**
     * Keeps a page about one person (or one that carries a token) private: never stored by a
     * browser, the page cache or a CDN, and its address never leaves in a Referer.
     */
    public static void keepPrivate(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    /**
     * Signed by us, so only a changed key (a new {@code TAMIZDAT_SECRET}) keeps it from opening; a
     * subject made before the change opens as it was made (see {@link #earlierSubjects}).
     */
    private Optional<String> open(String sealed) {
        for (Sealer sealer : new Sealer[] {subjects, earlierSubjects}) {
            try {
                return Optional.of(sealer.open(sealed));
            } catch (IllegalStateException | IllegalArgumentException e) {
                // not sealed with this one
            }
        }
        return !sealed.isEmpty() && sealed.chars().allMatch(Character::isDigit)
                ? Optional.of(sealed) // a supporter's number, as "Manage my support" made it
                : Optional.empty();
    }
}
