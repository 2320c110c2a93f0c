/**
 * What every module may use and none owns: jobs, group commit, event retries, signed tokens,
 * sealing and keys, the shared settings and clock, CSV fields, per-network allowances, time for
 * SQL, the publishing languages. An open module, still verified: it depends on no other module.
 */
@ApplicationModule(
        displayName = "Platform",
        type = ApplicationModule.Type.OPEN,
        allowedDependencies = {})
@NullMarked
package press.tamizdat.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
