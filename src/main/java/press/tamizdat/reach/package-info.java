/**
 * Keeps the outlet reachable where it is blocked: static mirrors with relative links, the mirror
 * list and its health, the onion address, and the autoresponder that mails today's addresses.
 */
@ApplicationModule(
        displayName = "Reach",
        allowedDependencies = {"publishing", "newsroom", "web", "platform", "mail"})
@NullMarked
package press.tamizdat.reach;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
