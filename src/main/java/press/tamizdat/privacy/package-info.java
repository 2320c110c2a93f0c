/**
 * What the outlet keeps about its readers, and for how long: cookieless counts of readings per
 * article and day, the retention of personal data, and a reader's export and erasure of what every
 * module holds about their address.
 */
@ApplicationModule(
        displayName = "Privacy",
        allowedDependencies = {"publishing", "newsletter", "support", "mail", "newsroom", "web", "platform"})
@NullMarked
package press.tamizdat.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
