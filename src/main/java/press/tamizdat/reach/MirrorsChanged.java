package press.tamizdat.reach;

/** The newsroom changed the mirror list or the onion address, which every page shows. */
public record MirrorsChanged() {}
