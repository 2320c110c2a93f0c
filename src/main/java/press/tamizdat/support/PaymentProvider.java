package press.tamizdat.support;

import java.net.URI;
import java.util.Currency;
import java.util.List;

/**
 * A way to pay: where a reader is sent to pay for a checkout, and how recurring support is
 * cancelled or changed there. What happened comes back as calls to {@link Ledger} from the
 * provider's verified events, never from the reader's return to our pages, so the records and the
 * newsroom do not care which provider took the money.
 */
interface PaymentProvider {

    /** The provider's name in our records: {@code stripe}, {@code paypal}, {@code btcpay}, {@code bank}, {@code test}. */
    String name();

    /**
     * The origins of the pages {@link #start} sends readers to, outside this site; the public
     * pages' CSP allows the contribution form to hand over to them.
     */
    default List<String> checkoutOrigins() {
        return List.of();
    }

    /** The ways to pay this provider takes. */
    List<PaymentMethod> methods();

    /**
     * True for a payment service configured by its keys (Stripe, PayPal, BTCPay Server); false for
     * the test mode and for bank transfers, which need no one else.
     */
    default boolean service() {
        return true;
    }

    /** Whether it can take money in {@code currency} now (a bank transfer needs an account in it). */
    default boolean takes(Currency currency) {
        return true;
    }

    /** Where the reader goes to pay for {@code checkout}. */
    URI start(Checkouts.Checkout checkout) throws ProviderFailure;

    /** Ends recurring support at the provider; ending one that has ended already is no error. */
    void cancel(String recurringReference) throws ProviderFailure;

    /** Charges {@code amount} from the next renewal on. */
    void change(String recurringReference, Frequency frequency, Money amount) throws ProviderFailure;

    /** The provider could not be reached or refused the request; the reader may try again. */
    final class ProviderFailure extends Exception {
        ProviderFailure(String message, @org.jspecify.annotations.Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
