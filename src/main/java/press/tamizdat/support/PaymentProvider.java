package press.tamizdat.support;

import java.net.URI;

/**
 * A way to pay: where a reader is sent to pay for a checkout. What happened there comes back as
 * calls to {@link Checkouts} from the provider's verified events, never from the reader's return
 * to our pages, so the records and the newsroom do not care which provider took the money.
 */
interface PaymentProvider {

    /** The provider's name in our records: {@code stripe}, {@code test}. */
    String name();

    /** Where the reader goes to pay for {@code checkout}. */
    URI start(Checkouts.Checkout checkout);
}
