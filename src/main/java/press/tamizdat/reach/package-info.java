/** Keeps the outlet reachable where it is blocked: static mirrors with relative links, the mirror list, the onion address. */
@ApplicationModule(
        displayName = "Reach",
        allowedDependencies = {"publishing", "newsroom", "web", "platform"})
@NullMarked
package press.tamizdat.reach;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
