package press.tamizdat.support;

import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import press.tamizdat.web.CheckoutOrigins;

/**
 * The providers this site has, and which one stands behind each way to pay: the configured ones
 * (Stripe for cards, PayPal, BTCPay Server for crypto, bank transfer where an account is entered),
 * or, on a site with no payment service configured, the test mode in place of each. Recurring
 * support is managed through the provider that took it.
 */
@Component
class PaymentProviders implements CheckoutOrigins {

    private final List<PaymentProvider> providers;

    PaymentProviders(List<PaymentProvider> providers) {
        this.providers = providers;
    }

    /** A way to pay with the provider that takes it. */
    record Choice(PaymentMethod method, PaymentProvider provider) {}

    /**
     * True when no payment service is configured: the test mode then stands in for every way to
     * pay that nothing real takes (bank transfer is real as soon as an account is entered).
     */
    boolean testMode() {
        return providers.stream().noneMatch(PaymentProvider::service);
    }

    /** The ways to pay offered for {@code currency}, in the form's order. */
    List<Choice> choices(Currency currency) {
        return java.util.Arrays.stream(PaymentMethod.values())
                .flatMap(method -> choice(method, currency).stream())
                .toList();
    }

    /** The ways to pay offered in any of {@code currencies}, in the form's order. */
    List<PaymentMethod> methods(List<Currency> currencies) {
        return java.util.Arrays.stream(PaymentMethod.values())
                .filter(method -> currencies.stream()
                        .anyMatch(currency -> choice(method, currency).isPresent()))
                .toList();
    }

    /** The provider that takes {@code method} in {@code currency}, if any does. */
    Optional<Choice> choice(PaymentMethod method, Currency currency) {
        var real = providers.stream()
                .filter(provider -> !provider.name().equals(TestModeProvider.NAME))
                .filter(provider -> provider.methods().contains(method) && provider.takes(currency))
                .findFirst();
        if (real.isPresent()) {
            return real.map(provider -> new Choice(method, provider));
        }
        return testMode() ? Optional.of(new Choice(method, named(TestModeProvider.NAME))) : Optional.empty();
    }

    @Override
    public List<String> origins() {
        return providers.stream()
                .flatMap(provider -> provider.checkoutOrigins().stream())
                .distinct()
                .toList();
    }

    Optional<PaymentProvider> find(String name) {
        return providers.stream()
                .filter(provider -> provider.name().equals(name))
                .findFirst();
    }

    PaymentProvider named(String name) {
        return providers.stream()
                .filter(provider -> provider.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No payment provider named " + name));
    }
}
