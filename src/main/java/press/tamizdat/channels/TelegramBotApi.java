package press.tamizdat.channels;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.LinkPreviewOptions;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.request.DeleteMessage;
import com.pengrad.telegrambot.request.EditMessageCaption;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.request.SendPhoto;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.SendResponse;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The few Bot API calls the channel needs, through the Java client of the Bot API
 * (pengrad/java-telegram-bot-api), against {@code TELEGRAM_API_BASE}. Telegram's answers become
 * results or exceptions: a flood limit names its wait; an edit that changes nothing and a removal
 * of a post already gone count as done.
 */
final class TelegramBotApi {

    private final TelegramBot bot;

    TelegramBotApi(ChannelsSettings.Telegram settings) {
        var http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .followRedirects(false)
                .build();
        this.bot = new TelegramBot.Builder(settings.botToken())
                .apiUrl(settings.apiBase().replaceAll("/+$", "") + "/bot")
                .okHttpClient(http)
                .build();
    }

    /** Telegram asks the bot to wait before its next request. */
    static final class FloodWait extends RuntimeException {
        private final int seconds;

        FloodWait(int seconds) {
            super("Too many requests: retry after " + seconds + " s", null, false, false);
            this.seconds = seconds;
        }

        int seconds() {
            return seconds;
        }
    }

    /** Telegram refused a request, with its code and description. */
    static final class Refused extends RuntimeException {
        private final int code;

        Refused(int code, String description) {
            super(code + " " + description, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    long sendPhoto(String chat, String photoUrl, String caption) {
        SendResponse response =
                bot.execute(new SendPhoto(chat, photoUrl).caption(caption).parseMode(ParseMode.HTML));
        return messageId(checked(response));
    }

    long sendText(String chat, String text, String previewUrl) {
        SendResponse response = bot.execute(new SendMessage(chat, text)
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(new LinkPreviewOptions().url(previewUrl)));
        return messageId(checked(response));
    }

    void editCaption(String chat, long message, String caption) {
        notModifiedIsDone(bot.execute(new EditMessageCaption(chat, Math.toIntExact(message))
                .caption(caption)
                .parseMode(ParseMode.HTML)));
    }

    void editText(String chat, long message, String text, String previewUrl) {
        notModifiedIsDone(bot.execute(new EditMessageText(chat, Math.toIntExact(message), text)
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(new LinkPreviewOptions().url(previewUrl))));
    }

    void delete(String chat, long message) {
        BaseResponse response = bot.execute(new DeleteMessage(chat, Math.toIntExact(message)));
        if (!response.isOk() && !(response.errorCode() == 400 && describes(response, "not found"))) {
            checked(response);
        }
    }

    private void notModifiedIsDone(BaseResponse response) {
        if (!response.isOk() && !(response.errorCode() == 400 && describes(response, "not modified"))) {
            checked(response);
        }
    }

    private static boolean describes(BaseResponse response, String words) {
        return response.description() != null && response.description().contains(words);
    }

    private static <R extends BaseResponse> R checked(R response) {
        if (response.isOk()) {
            return response;
        }
        if (response.errorCode() == 429) {
            var parameters = response.parameters();
            Integer wait = parameters == null ? null : parameters.retryAfter();
            throw new FloodWait(wait == null ? 30 : Math.max(1, wait));
        }
        throw new Refused(response.errorCode(), String.valueOf(response.description()));
    }

    private static long messageId(SendResponse response) {
        if (response.message() == null || response.message().messageId() == null) {
            throw new Refused(response.errorCode(), "the answer named no message");
        }
        return response.message().messageId();
    }
}
