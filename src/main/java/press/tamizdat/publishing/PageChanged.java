package press.tamizdat.publishing;

/** A standing page's text changed. */
public record PageChanged(String slug, Language language, int version) {}
