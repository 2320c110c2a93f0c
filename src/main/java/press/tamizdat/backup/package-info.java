/**
 * Backups and restores: the whole site (database, pictures, keys) in one archive, encrypted with
 * OpenPGP for a passphrase or the operator's public key, written and read by the {@code backup} and
 * {@code restore} commands.
 */
@ApplicationModule(
        displayName = "Backup",
        allowedDependencies = {"platform", "publishing"})
@NullMarked
package press.tamizdat.backup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
