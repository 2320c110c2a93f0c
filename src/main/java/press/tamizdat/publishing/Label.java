package press.tamizdat.publishing;

/** A tag or an author as the site lists them: the slug of its page, the name as written, how many published articles carry it. */
public record Label(String slug, String name, long articles) {}
