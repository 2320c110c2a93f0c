package press.tamizdat.newsletter;

/**
 * A reader's subscription to a newsletter became active: confirmed, or chosen on the preferences
 * page. One event per newsletter, so each welcome mail is sent (and retried) on its own.
 */
public record SubscriptionBegun(long subscriberId, long newsletterId) {}
