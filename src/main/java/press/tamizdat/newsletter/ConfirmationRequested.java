package press.tamizdat.newsletter;

/** A reader asked for newsletters: their address is to be mailed a confirmation link. */
public record ConfirmationRequested(long subscriberId) {}
