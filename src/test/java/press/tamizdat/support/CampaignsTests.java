package press.tamizdat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import press.tamizdat.platform.Language;

/** The campaign every outlet starts with, read from the database in each language. */
@SpringBootTest(properties = "tamizdat.site.name=Tamizdat")
class CampaignsTests {

    @Autowired
    Campaigns campaigns;

    @Test
    void startsWithAMonthlyAskInDollarsAndEurosFromTwoUnits() {
        var campaign = campaigns.current(Language.EN);

        assertThat(campaign.defaultFrequency()).isEqualTo(Frequency.MONTHLY);
        assertThat(campaign.offers())
                .extracting(offer -> offer.currency().getCurrencyCode())
                .containsExactly("USD", "EUR");
        var usd = campaign.offer("usd").orElseThrow();
        assertThat(usd.minimum()).isEqualTo(200);
        assertThat(usd.maximum()).isEqualTo(1_000_000);
        assertThat(usd.presets(Frequency.MONTHLY)).containsExactly(500L, 1000L, 2500L);
        assertThat(usd.currency()).isEqualTo(Currency.getInstance("USD"));
        assertThat(campaign.remindLater()).isTrue();
    }

    @Test
    void speaksEachLanguageWithTheSitesName() {
        assertThat(campaigns.current(Language.EN).bannerText()).isEqualTo("Support Tamizdat!");
        assertThat(campaigns.current(Language.EN).appealTitle()).isEqualTo("A Message from Tamizdat");
        assertThat(campaigns.current(Language.RU).bannerText()).isEqualTo("Поддержите Tamizdat!");
    }

    @Test
    void theDefaultCampaignAcceptsTheNewcomersMonthlyFiveDollars() {
        var checked = ContributionForm.check(
                new ContributionForm.Typed("monthly", "500", "", "USD"), campaigns.current(Language.EN));

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.request().orElseThrow().amount()).isEqualTo(new Money(500, Currency.getInstance("USD")));
        assertThat(List.of(checked.request().orElseThrow().frequency())).containsExactly(Frequency.MONTHLY);
    }
}
