/** Staff accounts, roles, login and the newsroom shell; tells other modules who is working. */
@ApplicationModule(
        displayName = "Newsroom",
        allowedDependencies = {"web", "platform"})
@NullMarked
package press.tamizdat.newsroom;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
