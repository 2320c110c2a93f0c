package press.tamizdat.support;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.TamizdatSettings;
import press.tamizdat.publishing.Language;
import press.tamizdat.publishing.Markdown;

/**
 * The current campaign in each language, as the site's banner and appeal and the contribution
 * form show it. It changes rarely and is read on every page, so it is held for half a minute.
 */
@Component
public class Campaigns {

    private final JdbcClient db;
    private final String siteName;
    private final LoadingCache<Language, Campaign> current;
    private final LoadingCache<Language, Optional<Appeal>> appeals;

    Campaigns(JdbcClient db, TamizdatSettings settings, Markdown markdown) {
        this.db = db;
        this.siteName = settings.site().name();
        this.current =
                Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).build(this::load);
        this.appeals = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(30))
                .build(language -> {
                    var campaign = current(language);
                    return campaign.showAppeal()
                            ? Optional.of(
                                    new Appeal(campaign.appealTitle(), markdown.toSafeHtml(campaign.appealBody())))
                            : Optional.empty();
                });
    }

    /** The appeal at the end of an article: its title and its body as safe HTML. */
    public record Appeal(String title, String bodyHtml) {}

    /** The campaign in {@code language}, with the site's name in its texts. */
    public Campaign current(Language language) {
        return current.get(language);
    }

    /** The appeal in {@code language}, unless the newsroom has hidden it. */
    public Optional<Appeal> appeal(Language language) {
        return appeals.get(language);
    }

    void forget() {
        current.invalidateAll();
        appeals.invalidateAll();
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
