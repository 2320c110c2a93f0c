package press.tamizdat.support;

import java.net.URI;
import java.util.List;
import org.springframework.stereotype.Component;
import press.tamizdat.web.PublicPaths;

/**
 * Test mode, for the embedded default and demonstrations: a page of our own, marked TEST MODE,
 * stands in for the provider's, and its buttons make the same {@link Ledger} calls a provider's
 * events do. No money moves; cancelling and changing need no one else's consent.
 */
@Component
class TestModeProvider implements PaymentProvider {

    static final String NAME = "test";

    @Override
    public String name() {
        return NAME;
    }

    /** It stands in for every way to pay that nothing real takes, on a site with no payment service. */
    @Override
    public List<PaymentMethod> methods() {
        return List.of(PaymentMethod.values());
    }

    @Override
    public boolean service() {
        return false;
    }

    @Override
    public URI start(Checkouts.Checkout checkout) {
        return URI.create(PublicPaths.SUPPORT + "/test-checkout/" + checkout.reference());
    }

    @Override
    public void cancel(String recurringReference) {}

    @Override
    public void change(String recurringReference, Frequency frequency, Money amount) {}
}
