package press.tamizdat.support;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import press.tamizdat.platform.Heard;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Rejoined;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.Markdown;

/**
 * The current campaign in each language, as the site's banner and appeal and the contribution
 * form show it. It changes rarely and is read on every page, so it is held for half a minute.
 */
@Component
public class Campaigns {

    private final JdbcClient db;
    private final ApplicationEventPublisher events;
    private final String siteName;
    private final LoadingCache<Language, Campaign> current;
    private final LoadingCache<Language, Optional<Appeal>> appeals;

    Campaigns(
            JdbcClient db,
            ApplicationEventPublisher events,
            TamizdatSettings settings,
            Markdown markdown,
            GivingForms forms) {
        this.db = db;
        this.events = events;
        this.siteName = settings.site().name();
        this.current =
                Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).build(this::load);
        this.appeals = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(30))
                .build(language -> {
                    var campaign = current(language);
                    return campaign.showAppeal()
                            ? Optional.of(new Appeal(
                                    campaign.appealTitle(),
                                    markdown.toSafeHtml(campaign.appealBody()),
                                    forms.of(
                                            campaign, language.locale(), GivingForms.Typed.fresh(APPEAL_SOURCE), null)))
                            : Optional.empty();
                });
    }

    /** Where a contribution begun in the appeal under an article comes from, in the records. */
    static final String APPEAL_SOURCE = "appeal";

    /** The appeal at the end of an article: its title, its body as safe HTML, and the contribution form. */
    public record Appeal(String title, String bodyHtml, Giving giving) {}

    /** The campaign in {@code language}, with the site's name in its texts. */
    public Campaign current(Language language) {
        return current.get(language);
    }

    /** The appeal in {@code language}, unless the newsroom has hidden it. */
    public Optional<Appeal> appeal(Language language) {
        return appeals.get(language);
    }

    @TransactionalEventListener
    void on(CampaignChanged event) {
        forget();
    }

    /** Before the page cache empties, so no page is rendered again with the old banner. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onCampaignChanged(Heard<CampaignChanged> heard) {
        forget();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(Rejoined event) {
        forget();
    }

    void forget() {
        current.invalidateAll();
        appeals.invalidateAll();
    }

    /** The words in each language as the newsroom wrote them, "{site}" and all. */
    Map<Language, CampaignEdit.Text> texts() {
        var texts = new LinkedHashMap<Language, CampaignEdit.Text>();
        for (var language : Language.values()) {
            texts.put(language, new CampaignEdit.Text("", "", ""));
        }
        db.sql("SELECT language, banner_text, appeal_title, appeal_body FROM campaign_text")
                .query((rs, n) -> Map.entry(
                        rs.getString("language"),
                        new CampaignEdit.Text(
                                rs.getString("banner_text"),
                                rs.getString("appeal_title"),
                                rs.getString("appeal_body"))))
                .list()
                .forEach(entry -> Language.fromCode(entry.getKey()).ifPresent(l -> texts.put(l, entry.getValue())));
        return texts;
    }

    /** Stores a checked campaign whole; pages show it once this commits. */
    @Transactional
    void save(CampaignEdit.Checked checked) {
        var form = checked.form();
        db.sql("""
                        UPDATE campaign SET show_banner = :banner, show_appeal = :appeal, default_frequency = :frequency,
                                            remind_later = :remind, version = version + 1
                        WHERE id = 1
                        """)
                .param("banner", form.showBanner())
                .param("appeal", form.showAppeal())
                .param("frequency", checked.defaultFrequency().name())
                .param("remind", form.remindLater())
                .update();
        form.texts().forEach((language, text) -> {
            db.sql("DELETE FROM campaign_text WHERE language = :language")
                    .param("language", language.code())
                    .update();
            db.sql("""
                            INSERT INTO campaign_text (language, banner_text, appeal_title, appeal_body)
                            VALUES (:language, :banner, :title, :body)
                            """)
                    .param("language", language.code())
                    .param("banner", text.banner().strip())
                    .param("title", text.title().strip())
                    .param("body", text.body().strip())
                    .update();
        });
        db.sql("DELETE FROM campaign_currency").update();
        int position = 1;
        for (var offer : checked.offers()) {
            db.sql("""
                            INSERT INTO campaign_currency (code, minimum_minor, maximum_minor, presets_once, presets_monthly,
                                                           presets_annual, position)
                            VALUES (:code, :minimum, :maximum, :once, :monthly, :annual, :position)
                            """)
                    .param("code", offer.currency().getCurrencyCode())
                    .param("minimum", offer.minimum())
                    .param("maximum", offer.maximum())
                    .param("once", joined(offer.presets(Frequency.ONCE)))
                    .param("monthly", joined(offer.presets(Frequency.MONTHLY)))
                    .param("annual", joined(offer.presets(Frequency.ANNUAL)))
                    .param("position", position++)
                    .update();
        }
        events.publishEvent(new CampaignChanged());
    }

    private static String joined(List<Long> amounts) {
        return String.join(",", amounts.stream().map(String::valueOf).toList());
    }

    private Campaign load(Language language) {
        var offers = db.sql("""
                        SELECT code, minimum_minor, maximum_minor, presets_once, presets_monthly, presets_annual
                        FROM campaign_currency ORDER BY position, code
                        """)
                .query((rs, n) -> new Campaign.Offer(
                        Currency.getInstance(rs.getString("code")),
                        rs.getLong("minimum_minor"),
                        rs.getLong("maximum_minor"),
                        Map.of(
                                Frequency.ONCE, presets(rs.getString("presets_once")),
                                Frequency.MONTHLY, presets(rs.getString("presets_monthly")),
                                Frequency.ANNUAL, presets(rs.getString("presets_annual")))))
                .list();
        var texts = db.sql("""
                        SELECT banner_text, appeal_title, appeal_body FROM campaign_text
                        WHERE language IN (:language, 'en') ORDER BY CASE WHEN language = :language THEN 0 ELSE 1 END
                        """)
                .param("language", language.code())
                .query((rs, n) -> new String[] {
                    rs.getString("banner_text"), rs.getString("appeal_title"), rs.getString("appeal_body")
                })
                .list()
                .getFirst();
        return db.sql("SELECT show_banner, show_appeal, default_frequency, remind_later FROM campaign WHERE id = 1")
                .query((rs, n) -> new Campaign(
                        named(texts[0]),
                        named(texts[1]),
                        named(texts[2]),
                        rs.getBoolean("show_banner"),
                        rs.getBoolean("show_appeal"),
                        Frequency.valueOf(rs.getString("default_frequency")),
                        rs.getBoolean("remind_later"),
                        offers))
                .single();
    }

    private String named(String text) {
        return text.replace("{site}", siteName);
    }

    private static List<Long> presets(String list) {
        var amounts = new ArrayList<Long>();
        Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(amount -> amount.matches("\\d{1,12}"))
                .forEach(amount -> amounts.add(Long.parseLong(amount)));
        return List.copyOf(amounts);
    }
}
