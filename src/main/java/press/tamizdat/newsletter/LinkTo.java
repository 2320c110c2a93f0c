package press.tamizdat.newsletter;

/**
 * Where a newsletter's links lead, so a reader at home who opens one lands on a copy that loads:
 * the main site, the first healthy mirror, or the onion address. When the chosen one is not there
 * (no healthy mirror, no onion address), links lead to the main site.
 */
public enum LinkTo {
    SITE,
    MIRROR,
    ONION
}
