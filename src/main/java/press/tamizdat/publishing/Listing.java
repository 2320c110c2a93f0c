package press.tamizdat.publishing;

/** Which published articles a list page shows. */
public sealed interface Listing {

    record InSection(Section section) implements Listing {}

    /** A section's articles in one language: the section's page in that language's edition. */
    record InSectionIn(Section section, press.tamizdat.platform.Language language) implements Listing {}

    /** Articles with a tag whose slug is {@code tagSlug} ({@code /tag/press-freedom}). */
    record Tagged(String tagSlug) implements Listing {}

    /** Articles with a byline whose slug is {@code authorSlug} ({@code /author/mira-talvik}). */
    record ByAuthor(String authorSlug) implements Listing {}
}
