package press.tamizdat.publishing;

/** Which published articles a list page shows. */
public sealed interface Listing {

    record InSection(Section section) implements Listing {}

    /** A section's articles in one language: the section's page in that language's edition. */
    record InSectionIn(Section section, press.tamizdat.platform.Language language) implements Listing {}

    /**
     * Articles in one language carrying a tag whose slug is {@code tagSlug}: its page in that
     * language's edition ({@code /ru/tag/press-freedom}).
     */
    record TaggedIn(String tagSlug, press.tamizdat.platform.Language language) implements Listing {}

    /** Articles with a byline whose slug is {@code authorSlug} ({@code /author/mira-talvik}). */
    record ByAuthor(String authorSlug) implements Listing {}
}
