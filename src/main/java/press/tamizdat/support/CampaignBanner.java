package press.tamizdat.support;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Language;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SupportCall;
import press.tamizdat.web.Ui;

/** The campaign's banner at the top of every page, leading to the form (counted as from the banner). */
@Component
class CampaignBanner implements SupportCall {

    private final Campaigns campaigns;
    private final SupportSettings settings;

    CampaignBanner(Campaigns campaigns, SupportSettings settings) {
        this.campaigns = campaigns;
        this.settings = settings;
    }

    @Override
    public Quiet quiet() {
        return settings.quiet();
    }

    @Override
    public Ui.@Nullable Link banner(Locale locale) {
        var campaign = campaigns.current(Language.fromCode(locale.getLanguage()).orElse(Language.EN));
        return campaign.showBanner()
                ? new Ui.Link(campaign.bannerText(), PublicPaths.SUPPORT + "?source=banner")
                : null;
    }
}
