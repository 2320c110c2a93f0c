/**
 * Newsletters, their subscribers and consents, double opt-in and unsubscribing; later editions and
 * their delivery. Offers the signup block's newsletters to the site.
 */
@ApplicationModule(
        displayName = "Newsletter",
        allowedDependencies = {"publishing", "search", "mail", "newsroom", "web", "platform"})
@NullMarked
package press.tamizdat.newsletter;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
