package press.tamizdat.support;

/** A supporter asked for a "manage my support" link; it is mailed after the request has been answered. */
record ManageLinkRequested(long supporterId, String language) {}
