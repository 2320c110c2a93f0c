package press.tamizdat.support;

import java.util.List;
import org.springframework.stereotype.Component;
import press.tamizdat.web.CheckoutOrigins;

/**
 * The providers this site has: Stripe when its key is set, and test mode otherwise. New checkouts
 * go to the one {@link #offered()}; recurring support is managed through the one that took it.
 */
@Component
class PaymentProviders implements CheckoutOrigins {

    private final List<PaymentProvider> providers;
    private final SupportSettings settings;

    PaymentProviders(List<PaymentProvider> providers, SupportSettings settings) {
        this.providers = providers;
        this.settings = settings;
    }

    PaymentProvider offered() {
        return named(settings.stripe().enabled() ? StripeProvider.NAME : TestModeProvider.NAME);
    }

    boolean testMode() {
        return offered().name().equals(TestModeProvider.NAME);
    }

    @Override
    public List<String> origins() {
        return providers.stream()
                .flatMap(provider -> provider.checkoutOrigins().stream())
                .distinct()
                .toList();
    }

    PaymentProvider named(String name) {
        return providers.stream()
                .filter(provider -> provider.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No payment provider named " + name));
    }
}
