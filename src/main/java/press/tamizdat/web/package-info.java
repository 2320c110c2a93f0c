/**
 * Shared web plumbing every page uses: the page context with messages and the CSRF token, and the
 * error pages.
 */
@ApplicationModule(displayName = "Web", type = ApplicationModule.Type.OPEN, allowedDependencies = "platform")
@NullMarked
package press.tamizdat.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
