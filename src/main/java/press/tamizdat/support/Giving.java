package press.tamizdat.support;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The contribution form as the reader sees it, under an article and on the support page alike:
 * how often, the preset amounts of each currency and frequency (the page shows those of the
 * chosen ones), the minimum, what was chosen or typed, the ways to pay, and whether "Remind me
 * later" is offered. Amounts are already written out in the page's language.
 *
 * @param frequency the chosen frequency's field value ({@code once}, {@code monthly}, {@code annual})
 * @param currency the chosen currency's code; the presets shown first are this currency's
 * @param preset the chosen preset's value in minor units, or empty
 * @param methods the ways to pay on offer, in the order shown
 * @param method the chosen way to pay's field value; the first on offer unless the reader chose
 * @param noEmail whether the reader asked for no email at all (the receipt then shows once after paying)
 * @param guard the puzzle Continue must solve while checkouts surge, on the support page only
 */
public record Giving(
        String frequency,
        List<String> frequencies,
        String currency,
        List<Offer> offers,
        String preset,
        String custom,
        String source,
        boolean remindLater,
        List<Method> methods,
        String method,
        boolean noEmail,
        @Nullable Guard guard) {

    /**
     * A way to pay: its field value, the message keys of its name and of what it reveals about the
     * reader, and our own mark for it.
     */
    public record Method(String field, String nameKey, String privacyKey, String mark) {}

    /** A currency on offer: its smallest amount, written out, and its preset amounts per frequency. */
    public record Offer(String currency, String minimum, Map<String, List<Amount>> presets) {

        public List<Amount> presets(String frequency) {
            return presets.getOrDefault(frequency, List.of());
        }
    }

    /** A preset amount: the form value (minor units), the amount as typed ("5.00") and the label ("$5"). */
    public record Amount(String value, String plain, String label) {}

    /** The checkout guard's puzzle: its token, how hard it is, and how long the reader waits without script. */
    public record Guard(String token, int bits, long waitSeconds) {}

    /** The field that carries the preset chosen for a frequency: each frequency's presets are a group of their own. */
    public static String presetField(String frequency) {
        return "preset-" + frequency;
    }

    /** The checkbox asking for no email at all. */
    public static final String NO_EMAIL = "no-email";
}
