/**
 * Staff accounts, roles, sign-in and the newsroom shell (with the mail outbox's page); tells other
 * modules who is working.
 */
@ApplicationModule(
        displayName = "Newsroom",
        allowedDependencies = {"mail", "web", "platform"})
@NullMarked
package press.tamizdat.newsroom;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
