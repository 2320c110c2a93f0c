/** The reader's front: the home page and article pages, built from published articles. */
@ApplicationModule(
        displayName = "Site",
        allowedDependencies = {"publishing", "search", "newsletter", "support", "reach", "privacy", "web", "platform"})
@NullMarked
package press.tamizdat.site;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
