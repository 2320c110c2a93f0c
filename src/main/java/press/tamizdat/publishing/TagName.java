package press.tamizdat.publishing;

/** A tag as one edition shows it: the slug of its page ({@code /tag/press-freedom}) and its name in that edition's language. */
public record TagName(String slug, String name) {}
