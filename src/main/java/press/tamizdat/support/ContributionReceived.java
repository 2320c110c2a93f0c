package press.tamizdat.support;

/**
 * Money was received from a supporter whose address we hold: a one-time gift, the first payment
 * of recurring support, or a renewal. Its receipt is mailed in answer.
 */
public record ContributionReceived(long contributionId) {}
