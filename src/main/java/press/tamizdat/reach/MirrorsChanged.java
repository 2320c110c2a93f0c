package press.tamizdat.reach;

import press.tamizdat.platform.Broadcast;

/** The newsroom changed the mirror list or the onion address, which every page shows. */
public record MirrorsChanged() implements Broadcast {}
