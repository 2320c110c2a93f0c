package press.tamizdat.search;

/**
 * The index answers differently from now on: an article was indexed, re-indexed or removed, or the
 * whole index was rebuilt. The index follows a publication a moment after the article's pages do,
 * so a results page rendered in between is out of date. A plain in-process notice, published
 * outside any transaction when the index is rebuilt and never stored: listen with
 * {@code @EventListener}, not {@code @ApplicationModuleListener}.
 */
public record SearchIndexChanged() {}
