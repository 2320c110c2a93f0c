/**
 * Articles, their revisions, sections, tags, bylines, lead media and scheduling; announces what
 * goes live with {@link press.tamizdat.publishing.ArticlePublished} and its siblings.
 */
@ApplicationModule(
        displayName = "Publishing",
        allowedDependencies = {"newsroom", "web", "platform"})
@NullMarked
package press.tamizdat.publishing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
