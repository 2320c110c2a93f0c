package press.tamizdat.support;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the newsroom set for the call to support: the banner and the appeal, where they show, the
 * frequency the form starts on, whether "Remind me later" is offered, and the currencies offered
 * with their preset amounts, minimum and maximum (a guard against card testing).
 */
public record Campaign(
        String bannerText,
        String appealTitle,
        String appealBody,
        boolean showBanner,
        boolean showAppeal,
        Frequency defaultFrequency,
        boolean remindLater,
        List<Offer> offers) {

    /** A currency on offer: presets per frequency and the bounds of any amount, in minor units. */
    public record Offer(Currency currency, long minimum, long maximum, Map<Frequency, List<Long>> presets) {

        public List<Long> presets(Frequency frequency) {
            return presets.getOrDefault(frequency, List.of());
        }
    }

    /** The offer of a currency by its ISO code, in any case. */
    public Optional<Offer> offer(String code) {
        return offers.stream()
                .filter(offer -> offer.currency().getCurrencyCode().equalsIgnoreCase(code.strip()))
                .findFirst();
    }
}
