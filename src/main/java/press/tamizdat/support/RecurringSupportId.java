package press.tamizdat.support;

/**
 * Which recurring support a provider's report is about: the provider, its id for the support there
 * (a Stripe subscription, say), and the reference of our checkout that began it, which every
 * report carries so that it finds its amount and source whatever arrived first.
 */
record RecurringSupportId(String provider, String reference, String checkout) {}
