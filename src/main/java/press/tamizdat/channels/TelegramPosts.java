package press.tamizdat.channels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import press.tamizdat.newsletter.EditionSent;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;
import press.tamizdat.publishing.Articles;
import press.tamizdat.publishing.PublishedArticle;
import press.tamizdat.web.MirrorAddresses;
import press.tamizdat.web.SiteUrls;

/**
 * Keeps the outlet's Telegram channel in step with the site: a published article is posted (its
 * lead photo with a caption, or a message with a link preview), an edit edits the post, an
 * unpublished article's post is deleted, and a sent edition is announced. Publishing only marks
 * the work due, in the database; one job on one node at a time does it ({@link #work}), so each
 * article is posted once however many nodes hear of it. Telegram's flood limit ({@code 429} with
 * {@code retry_after}) pauses the channel for as long as it asks; other failures are retried with
 * growing waits. Every post, edit, removal and failure is in the audit log.
 *
 * <p>Longer than our other classes on purpose: the events that mark work due, the one job that does
 * it and the flood-limit pause share one queue and one bot; the Bot API client is {@link
 * TelegramBotApi}.
 */
@Component
class TelegramPosts {

    private static final Logger log = LoggerFactory.getLogger(TelegramPosts.class);
    /** Telegram's limits: a photo's caption, and a message's text. */
    static final int CAPTION_LIMIT = 1024;

    static final int TEXT_LIMIT = 4096;
    private static final int BATCH = 20;

    private final JdbcClient db;
    private final Articles articles;
    private final SiteUrls urls;
    private final ObjectProvider<MirrorAddresses> addresses;
    private final AuditLog audit;
    private final Clock clock;
    private final ChannelsSettings.Telegram settings;
    private final @Nullable TelegramBotApi bot;

    TelegramPosts(
            JdbcClient db,
            Articles articles,
            SiteUrls urls,
            ObjectProvider<MirrorAddresses> addresses,
            AuditLog audit,
            Clock clock,
            ChannelsSettings settings) {
        this.db = db;
        this.articles = articles;
        this.urls = urls;
        this.addresses = addresses;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings.telegram();
        this.bot = this.settings.enabled() ? new TelegramBotApi(this.settings) : null;
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        due(article(event.articleId()));
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        due(article(event.articleId()));
    }

    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        due(article(event.articleId()));
    }

    @ApplicationModuleListener
    void on(EditionSent event) {
        if (settings.postEditions()) {
            due(edition(event.editionId()));
        }
    }

    static String article(long id) {
        return "article-" + id;
    }

    static String edition(long id) {
        return "edition-" + id;
    }

    /** Marks an item's post as due for the job; without a bot nothing is ever due. */
    void due(String item) {
        if (bot == null) {
            return;
        }
        var now = SqlTime.utc(clock.instant());
        // listeners for the same article may run at once (a publication and an edit): the row is
        // made once, whoever comes first, and both mark it due
        db.sql("""
                        INSERT INTO telegram_post (item, due, attempts, next_attempt_at)
                        VALUES (:item, TRUE, 0, :now) ON CONFLICT DO NOTHING
                        """).param("item", item).param("now", now).update();
        db.sql("UPDATE telegram_post SET due = TRUE, attempts = 0, next_attempt_at = :now WHERE item = :item")
                .param("now", now)
                .param("item", item)
                .update();
    }

    record Row(
            String item,
            @Nullable String chatId,
            @Nullable Long messageId,
            @Nullable String kind,
            @Nullable String contentHash,
            int attempts) {}

    /**
     * Does the work that is due, oldest first, a batch at a time; the job runs on one node at a
     * time. Returns how many items were brought in step.
     */
    int work() {
        if (bot == null) {
            return 0;
        }
        List<Row> rows = db.sql("""
                        SELECT item, chat_id, message_id, kind, content_hash, attempts FROM telegram_post
                        WHERE due = TRUE AND next_attempt_at <= :now ORDER BY next_attempt_at, item LIMIT :batch
                        """)
                .param("now", SqlTime.utc(clock.instant()))
                .param("batch", BATCH)
                .query((rs, n) -> new Row(
                        rs.getString("item"),
                        rs.getString("chat_id"),
                        rs.getObject("message_id") == null ? null : rs.getLong("message_id"),
                        rs.getString("kind"),
                        rs.getString("content_hash"),
                        rs.getInt("attempts")))
                .list();
        int done = 0;
        for (Row row : rows) {
            try {
                bringInStep(row);
                done++;
            } catch (TelegramBotApi.FloodWait wait) {
                // the whole channel waits: every later post would be refused too
                log.warn("Telegram asks to wait {} s before posting again", wait.seconds());
                db.sql("UPDATE telegram_post SET next_attempt_at = :at WHERE due = TRUE AND next_attempt_at < :at")
                        .param("at", SqlTime.utc(clock.instant().plusSeconds(wait.seconds())))
                        .update();
                break;
            } catch (RuntimeException failure) {
                failed(row, failure);
            }
        }
        return done;
    }

    private void bringInStep(Row row) {
        if (row.item().startsWith("edition-")) {
            announceEdition(row);
            return;
        }
        long id = Long.parseLong(row.item().substring("article-".length()));
        Optional<PublishedArticle> live = articles.published(id).filter(article -> !articles.offChannels(id));
        if (live.isEmpty()) {
            if (row.messageId() != null && row.chatId() != null) {
                bot().delete(row.chatId(), row.messageId());
                audit.record("telegram-deleted", row.item() + " · message " + row.messageId());
            }
            settle(row.item(), row.chatId(), null, null, null);
            return;
        }
        var article = live.get();
        String chat = chatFor(article.language());
        String link = link(article.path());
        String photo = photo(article);
        String kind = photo == null ? "TEXT" : "PHOTO";
        String text = post(article, link, photo == null ? TEXT_LIMIT : CAPTION_LIMIT);
        String hash = hash(kind + "\n" + (photo == null ? "" : photo) + "\n" + text);
        if (row.messageId() != null
                && row.chatId() != null
                && (!kind.equals(row.kind()) || !chat.equals(row.chatId()))) {
            // a photo added or taken away, or the article moved channel: a post cannot become
            // another kind, so the old one goes and a new one is made
            bot().delete(row.chatId(), row.messageId());
            audit.record("telegram-deleted", row.item() + " · message " + row.messageId());
            row = new Row(row.item(), null, null, null, null, row.attempts());
        }
        if (row.messageId() == null) {
            long message = photo == null ? bot().sendText(chat, text, link) : bot().sendPhoto(chat, photo, text);
            settle(row.item(), chat, message, kind, hash);
            audit.record("telegram-posted", row.item() + " · message " + message);
        } else if (!hash.equals(row.contentHash())) {
            if (photo == null) {
                bot().editText(chat, row.messageId(), text, link);
            } else {
                bot().editCaption(chat, row.messageId(), text);
            }
            settle(row.item(), chat, row.messageId(), kind, hash);
            audit.record("telegram-edited", row.item() + " · message " + row.messageId());
        } else {
            settle(row.item(), chat, row.messageId(), kind, hash);
        }
    }

    /** A sent edition is announced once, in the main channel, never edited. */
    private void announceEdition(Row row) {
        if (row.messageId() != null) {
            settle(row.item(), row.chatId(), row.messageId(), row.kind(), row.contentHash());
            return;
        }
        long id = Long.parseLong(row.item().substring("edition-".length()));
        var edition = db.sql("""
                        SELECT n.name, e.subject FROM edition e JOIN newsletter n ON n.id = e.newsletter_id
                        WHERE e.id = :id AND e.status = 'SENT'
                        """)
                .param("id", id)
                .query((rs, n) -> new String[] {rs.getString("name"), rs.getString("subject")})
                .optional();
        if (edition.isEmpty()) {
            settle(row.item(), null, null, null, null);
            return;
        }
        String link = link(press.tamizdat.web.PublicPaths.edition(id));
        String text =
                "<b>" + escape(edition.get()[0]) + "</b>\n" + escape(edition.get()[1]) + "\n\n" + link(link, link);
        long message = bot().sendText(settings.chatId(), text, link);
        settle(row.item(), settings.chatId(), message, "TEXT", hash(text));
        audit.record("telegram-posted", row.item() + " · message " + message);
    }

    private void settle(
            String item, @Nullable String chat, @Nullable Long message, @Nullable String kind, @Nullable String hash) {
        var now = SqlTime.utc(clock.instant());
        db.sql("""
                        UPDATE telegram_post SET chat_id = :chat, message_id = :message, kind = :kind,
                          content_hash = :hash, due = FALSE, attempts = 0, last_error = NULL,
                          posted_at = CASE WHEN CAST(:message AS BIGINT) IS NULL THEN NULL ELSE COALESCE(posted_at, :now) END
                        WHERE item = :item
                        """)
                .param("chat", chat)
                .param("message", message)
                .param("kind", kind)
                .param("hash", hash)
                .param("now", now)
                .param("item", item)
                .update();
    }

    private void failed(Row row, Exception failure) {
        int attempts = row.attempts() + 1;
        String error =
                truncate(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        boolean givenUp = attempts >= settings.attempts();
        log.warn("Telegram post {} failed (attempt {}): {}", row.item(), attempts, error);
        db.sql("""
                        UPDATE telegram_post SET attempts = :attempts, last_error = :error, due = :due,
                          next_attempt_at = :next WHERE item = :item
                        """)
                .param("attempts", attempts)
                .param("error", error)
                .param("due", !givenUp)
                .param("next", SqlTime.utc(clock.instant().plus(backoff(attempts))))
                .param("item", row.item())
                .update();
        audit.record(
                givenUp ? "telegram-given-up" : "telegram-failed",
                row.item() + " · attempt " + attempts + " · " + error);
    }

    /** 10 s, 20 s, 40 s … up to an hour between attempts. */
    static Duration backoff(int attempts) {
        long seconds = 10L << Math.min(attempts - 1, 9);
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    private String chatFor(Language language) {
        return language == Language.RU && !settings.russianChatId().isBlank()
                ? settings.russianChatId()
                : settings.chatId();
    }

    /** The best address readers can open, as the newsletter chooses: the site, a healthy mirror or the onion address. */
    private String link(String sitePath) {
        var others = addresses.getIfAvailable();
        Optional<String> elsewhere = others == null
                ? Optional.empty()
                : switch (settings.linkTo()) {
                    case SITE -> Optional.empty();
                    case MIRROR -> others.onFirstMirror(sitePath);
                    case ONION -> others.onOnion(sitePath);
                };
        return elsewhere.orElseGet(() -> urls.absolute(sitePath));
    }

    private @Nullable String photo(PublishedArticle article) {
        if (article.photo() == null) {
            return null;
        }
        String src = article.photo().src();
        return src.startsWith("/") ? urls.absolute(src) : src;
    }

    /**
     * The post in Telegram's HTML: the headline in bold, the standfirst, the link; the standfirst
     * is shortened when the whole would not fit Telegram's limit.
     */
    static String post(PublishedArticle article, String link, int limit) {
        String head = "<b>" + escape(article.headline()) + "</b>";
        String tail = "\n\n" + link(link, link);
        String standfirst =
                article.subheadline() == null ? "" : article.subheadline().strip();
        // Telegram counts the text without its tags
        int room = limit - visible(head) - visible(tail) - 2;
        if (standfirst.length() > room) {
            standfirst = room > 1 ? standfirst.substring(0, room - 1).strip() + "…" : "";
        }
        if (visible(head) + visible(tail) > limit) {
            String headline = article.headline();
            int keep = Math.max(1, limit - visible(tail) - 1);
            head = "<b>" + escape(headline.substring(0, Math.min(headline.length(), keep - 1)) + "…") + "</b>";
        }
        return head + (standfirst.isEmpty() ? "" : "\n\n" + escape(standfirst)) + tail;
    }

    private static String link(String href, String text) {
        return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    private static int visible(String html) {
        return HtmlUtils.htmlUnescape(html.replaceAll("<[^>]+>", "")).length();
    }

    /** What Telegram's HTML needs escaped: {@code &}, {@code <}, {@code >} and, in attributes, {@code "}. */
    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String error) {
        return error.length() <= 500 ? error : error.substring(0, 500);
    }

    private TelegramBotApi bot() {
        return java.util.Objects.requireNonNull(bot);
    }
}
