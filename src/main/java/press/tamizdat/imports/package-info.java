/**
 * Brings an outlet's past in from WordPress (a WXR export) and Ghost (its JSON export): posts and
 * pages with their authors, sections, tags, times and pictures, drafts as drafts; the old
 * addresses answer 301; a second import updates rather than duplicates. Run from the newsroom or
 * the command line.
 */
@ApplicationModule(
        displayName = "Imports",
        allowedDependencies = {"publishing", "newsroom", "web", "platform"})
@NullMarked
package press.tamizdat.imports;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
