package press.tamizdat.newsletter;

/** An edition went out to every subscriber it was for; its page in the public archive is {@code path}. */
public record EditionSent(long editionId, String newsletter, String subject, String path) {}
