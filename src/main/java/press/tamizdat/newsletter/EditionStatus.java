package press.tamizdat.newsletter;

/** Where an edition is: being curated, waiting for its time, going out, or out. */
enum EditionStatus {
    DRAFT,
    SCHEDULED,
    SENDING,
    SENT
}
