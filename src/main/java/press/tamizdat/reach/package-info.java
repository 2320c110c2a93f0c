/** Keeps the outlet reachable where it is blocked: static mirrors of the public site with relative links. */
@ApplicationModule(
        displayName = "Reach",
        allowedDependencies = {"publishing", "web"})
@NullMarked
package press.tamizdat.reach;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
