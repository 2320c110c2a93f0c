package press.tamizdat.publishing;

/** A section of the site (News, Features, …): every article belongs to one. */
public record Section(long id, String slug, String name) {}
