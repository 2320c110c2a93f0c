/** The full-text index of published articles, fed by publishing events. */
@ApplicationModule(
        displayName = "Search",
        allowedDependencies = {"publishing", "platform"})
@NullMarked
package press.tamizdat.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
