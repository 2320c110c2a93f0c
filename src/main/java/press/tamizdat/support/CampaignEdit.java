package press.tamizdat.support;

import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.util.MultiValueMap;
import press.tamizdat.platform.Language;

/**
 * The campaign as the newsroom's form holds it, and its rules: texts within their lengths, known
 * currencies once each, amounts that read as money, a minimum above nothing, a maximum above the
 * minimum, presets between the two. Each problem is a message key with what fills it in.
 */
final class CampaignEdit {

    static final int BANNER_MAX = 120;
    static final int TITLE_MAX = 120;
    static final int BODY_MAX = 5000;

    /** One language's words. */
    record Text(String banner, String title, String body) {}

    /** One currency's row as typed: amounts in major units ("2.00"), presets separated by semicolons ("10; 25; 50"). */
    record Row(
            String code, String minimum, String maximum, String once, String monthly, String annual, boolean remove) {

        static Row blank() {
            return new Row("", "", "", "", "", "", false);
        }
    }

    record Form(
            boolean showBanner,
            boolean showAppeal,
            boolean remindLater,
            String defaultFrequency,
            Map<Language, Text> texts,
            List<Row> rows) {}

    record Problem(String key, List<Object> args) {}

    /** A campaign to store: the rows as offers in minor units. */
    record Checked(Form form, List<Campaign.Offer> offers, Frequency defaultFrequency) {}

    private CampaignEdit() {}

    /** The form from the posted fields; anything missing reads as empty, anything long is kept for the message. */
    static Form read(MultiValueMap<String, String> fields) {
        var texts = new LinkedHashMap<Language, Text>();
        for (var language : Language.values()) {
            String prefix = "text." + language.code() + ".";
            texts.put(
                    language,
                    new Text(
                            field(fields, prefix + "banner", BANNER_MAX * 2),
                            field(fields, prefix + "title", TITLE_MAX * 2),
                            field(fields, prefix + "body", BODY_MAX * 2)));
        }
        var rows = new ArrayList<Row>();
        for (int i = 0; i < 20 && fields.containsKey("currency[" + i + "].code"); i++) {
            String prefix = "currency[" + i + "].";
            var row = new Row(
                    field(fields, prefix + "code", 10).toUpperCase(Locale.ROOT),
                    field(fields, prefix + "minimum", 40),
                    field(fields, prefix + "maximum", 40),
                    field(fields, prefix + "once", 200),
                    field(fields, prefix + "monthly", 200),
                    field(fields, prefix + "annual", 200),
                    "yes".equals(fields.getFirst(prefix + "remove")));
            if (!row.code().isEmpty() || !row.minimum().isEmpty()) {
                rows.add(row);
            }
        }
        return new Form(
                "yes".equals(fields.getFirst("showBanner")),
                "yes".equals(fields.getFirst("showAppeal")),
                "yes".equals(fields.getFirst("remindLater")),
                field(fields, "defaultFrequency", 20),
                texts,
                rows);
    }

    /** The form as the stored campaign fills it, in major units. */
    static Form of(Map<Language, Text> texts, Campaign campaign) {
        var rows = campaign.offers().stream()
                .map(offer -> new Row(
                        offer.currency().getCurrencyCode(),
                        new Money(offer.minimum(), offer.currency()).plain(),
                        new Money(offer.maximum(), offer.currency()).plain(),
                        amounts(offer, Frequency.ONCE),
                        amounts(offer, Frequency.MONTHLY),
                        amounts(offer, Frequency.ANNUAL),
                        false))
                .toList();
        return new Form(
                campaign.showBanner(),
                campaign.showAppeal(),
                campaign.remindLater(),
                campaign.defaultFrequency().field(),
                texts,
                rows);
    }

    record Outcome(Optional<Checked> checked, List<Problem> problems) {}

    static Outcome check(Form form) {
        var problems = new ArrayList<Problem>();
        var frequency = Frequency.parse(form.defaultFrequency());
        if (frequency.isEmpty()) {
            problems.add(problem("campaign.problem.frequency"));
        }
        form.texts().forEach((language, text) -> {
            String name = language.code().toUpperCase(Locale.ROOT);
            if (text.banner().isBlank() || text.banner().length() > BANNER_MAX) {
                problems.add(problem("campaign.problem.banner", name, BANNER_MAX));
            }
            if (text.title().isBlank() || text.title().length() > TITLE_MAX) {
                problems.add(problem("campaign.problem.title", name, TITLE_MAX));
            }
            if (text.body().isBlank() || text.body().length() > BODY_MAX) {
                problems.add(problem("campaign.problem.body", name, BODY_MAX));
            }
        });
        var offers = new ArrayList<Campaign.Offer>();
        var seen = new ArrayList<String>();
        for (var row : form.rows()) {
            if (row.remove()) {
                continue;
            }
            Currency currency;
            try {
                currency = Currency.getInstance(row.code());
            } catch (IllegalArgumentException e) {
                problems.add(problem("campaign.problem.currency", row.code()));
                continue;
            }
            if (seen.contains(row.code())) {
                problems.add(problem("campaign.problem.currency-twice", row.code()));
                continue;
            }
            seen.add(row.code());
            var minimum = amount(row.minimum(), currency);
            var maximum = amount(row.maximum(), currency);
            if (minimum.isEmpty() || minimum.get() <= 0) {
                problems.add(problem("campaign.problem.minimum", row.code()));
                continue;
            }
            if (maximum.isEmpty() || maximum.get() <= minimum.get()) {
                problems.add(problem("campaign.problem.maximum", row.code()));
                continue;
            }
            var presets = new LinkedHashMap<Frequency, List<Long>>();
            for (var f : Frequency.values()) {
                String typed = switch (f) {
                    case ONCE -> row.once();
                    case MONTHLY -> row.monthly();
                    case ANNUAL -> row.annual();
                };
                var amounts = new ArrayList<Long>();
                for (String part : typed.split(";")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    var preset = amount(part, currency);
                    if (preset.isEmpty() || preset.get() < minimum.get() || preset.get() > maximum.get()) {
                        problems.add(problem(
                                "campaign.problem.preset",
                                row.code(),
                                part.strip(),
                                new Money(minimum.get(), currency).plain(),
                                new Money(maximum.get(), currency).plain()));
                    } else if (amounts.size() < 6 && !amounts.contains(preset.get())) {
                        amounts.add(preset.get());
                    }
                }
                presets.put(f, List.copyOf(amounts));
            }
            offers.add(new Campaign.Offer(currency, minimum.get(), maximum.get(), Map.copyOf(presets)));
        }
        if (offers.isEmpty() && problems.isEmpty()) {
            problems.add(problem("campaign.problem.no-currency"));
        }
        return problems.isEmpty()
                ? new Outcome(Optional.of(new Checked(form, List.copyOf(offers), frequency.orElseThrow())), List.of())
                : new Outcome(Optional.empty(), List.copyOf(problems));
    }

    private static Optional<Long> amount(String typed, Currency currency) {
        return AmountText.read(typed, currency) instanceof AmountText.Amount(long minor)
                ? Optional.of(minor)
                : Optional.empty();
    }

    private static String amounts(Campaign.Offer offer, Frequency frequency) {
        return String.join(
                "; ",
                offer.presets(frequency).stream()
                        .map(minor -> new Money(minor, offer.currency()).plain())
                        .toList());
    }

    private static String field(MultiValueMap<String, String> fields, String name, int max) {
        String value = fields.getFirst(name);
        if (value == null) {
            return "";
        }
        value = value.replace("\r\n", "\n");
        return value.length() > max ? value.substring(0, max) : value;
    }

    private static Problem problem(String key, Object... args) {
        return new Problem(key, List.of(args));
    }
}
