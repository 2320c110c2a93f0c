package press.tamizdat.channels;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import press.tamizdat.newsletter.LinkTo;

/**
 * The channels' settings: the key that seals webhook secrets ({@code TAMIZDAT_CHANNELS_KEY}, hex,
 * 32 bytes; else one made in the data directory), how often waiting posts and deliveries are looked
 * for, Telegram ({@code TELEGRAM_BOT_TOKEN}, {@code TELEGRAM_CHAT_ID}, {@code TELEGRAM_RU_CHAT_ID},
 * {@code TELEGRAM_API_BASE}) and webhooks.
 */
@ConfigurationProperties("tamizdat.channels")
record ChannelsSettings(
        @DefaultValue("") String key,
        @DefaultValue("5s") Duration every,
        @DefaultValue Telegram telegram,
        @DefaultValue Webhooks webhooks) {

    /**
     * The bot that posts to the channel (it must be an admin of it) and the channel, by
     * {@code @name} or numeric id; Russian articles go to {@code russianChatId} when one is set.
     * Posts link to the main site, the first healthy mirror or the onion address. Without a token
     * and a chat nothing is posted.
     */
    record Telegram(
            @DefaultValue("") String botToken,
            @DefaultValue("") String chatId,
            @DefaultValue("") String russianChatId,
            @DefaultValue("https://api.telegram.org") String apiBase,
            @DefaultValue("SITE") LinkTo linkTo,
            @DefaultValue("true") boolean postEditions,
            @DefaultValue("8") int attempts) {

        boolean enabled() {
            return !botToken.isBlank() && !chatId.isBlank();
        }
    }

    /**
     * Outbound webhooks: the waits before each retry of a failed delivery (Standard Webhooks'
     * example schedule, about three days in all), how long a receiver may take to answer, and
     * whether endpoints may be plain {@code http} (for a receiver on the same machine or in tests).
     */
    record Webhooks(
            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h"})
            List<Duration> retries,

            @DefaultValue("15s") Duration timeout,
            @DefaultValue("false") boolean allowHttp) {}
}
