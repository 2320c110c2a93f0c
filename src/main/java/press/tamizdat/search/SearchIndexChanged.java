package press.tamizdat.search;

/**
 * The index answers differently from now on: an article was indexed, re-indexed or removed, or the
 * whole index was rebuilt. It follows a publication a moment after the article's pages do, so a
 * results page rendered in between is out of date.
 */
public record SearchIndexChanged() {}
