package press.tamizdat.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Makes the contribution form of a campaign, as typed so far, in the words of a language. */
@Component
class GivingForms {

    private final PaymentProviders providers;

    GivingForms(PaymentProviders providers) {
        this.providers = providers;
    }

    /** The fields as typed (or as a page starts them); blanks take the campaign's defaults. */
    record Typed(
            String frequency,
            String currency,
            String preset,
            String custom,
            String source,
            String method,
            boolean noEmail) {

        static Typed fresh(String source) {
            return new Typed("", "", "", "", source, "", false);
        }
    }

    Giving of(Campaign campaign, Locale locale, Typed typed, Giving.@Nullable Guard guard) {
        String frequency = Frequency.parse(typed.frequency())
                .orElse(campaign.defaultFrequency())
                .field();
        String currency = campaign.offer(typed.currency())
                .or(() -> campaign.offers().stream().findFirst())
                .map(offer -> offer.currency().getCurrencyCode())
                .orElse("");
        var offers = campaign.offers().stream()
                .map(offer -> {
                    var presets = new LinkedHashMap<String, List<Giving.Amount>>();
                    for (Frequency each : Frequency.values()) {
                        presets.put(
                                each.field(),
                                offer.presets(each).stream()
                                        .map(minor -> new Money(minor, offer.currency()))
                                        .map(money -> new Giving.Amount(
                                                Long.toString(money.minor()), money.plain(), money.brief(locale)))
                                        .toList());
                    }
                    return new Giving.Offer(
                            offer.currency().getCurrencyCode(),
                            new Money(offer.minimum(), offer.currency()).brief(locale),
                            Map.copyOf(presets));
                })
                .toList();
        var frequencies =
                List.of(Frequency.values()).stream().map(Frequency::field).toList();
        var methods = providers
                .methods(
                        campaign.offers().stream().map(Campaign.Offer::currency).toList())
                .stream()
                .map(m -> new Giving.Method(m.field(), m.nameKey(), m.privacyKey(), m.mark()))
                .toList();
        String method = PaymentMethod.parse(typed.method())
                .map(PaymentMethod::field)
                .filter(field -> methods.stream().anyMatch(m -> m.field().equals(field)))
                .orElse(methods.isEmpty() ? "" : methods.getFirst().field());
        return new Giving(
                frequency,
                frequencies,
                currency,
                offers,
                typed.preset(),
                typed.custom(),
                typed.source(),
                campaign.remindLater(),
                methods,
                method,
                typed.noEmail(),
                guard);
    }
}
