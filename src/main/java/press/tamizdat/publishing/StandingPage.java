package press.tamizdat.publishing;

import java.time.Instant;
import press.tamizdat.platform.Language;

/**
 * A standing page (About, Contact, Privacy Policy) as readers see it. {@code version} counts the
 * substantive revisions of its text; consents refer to the Privacy Policy's version.
 */
public record StandingPage(
        String slug, Language language, String title, String bodyHtml, int version, Instant updatedAt) {}
