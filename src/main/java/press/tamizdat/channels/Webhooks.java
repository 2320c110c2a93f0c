package press.tamizdat.channels;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.newsletter.EditionSent;
import press.tamizdat.platform.Keys;
import press.tamizdat.platform.Sealer;
import press.tamizdat.platform.SqlTime;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;
import press.tamizdat.publishing.Articles;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound webhooks: the endpoints admins add, each with its own secret and the events it wants,
 * and one delivery per event and endpoint, stored in the same transaction as the event is heard
 * and sent by {@link WebhookDeliveries}. Payloads follow Standard Webhooks: {@code type},
 * {@code timestamp} and {@code data}.
 */
@Component
class Webhooks {

    /** The events an endpoint may choose, as Standard Webhooks names them: hierarchical, full-stop delimited. */
    enum Event {
        ARTICLE_PUBLISHED,
        ARTICLE_UPDATED,
        ARTICLE_UNPUBLISHED,
        EDITION_SENT;

        /** {@code article.published} and so on. */
        final String type = name().toLowerCase(java.util.Locale.ROOT).replace('_', '.');

        static @Nullable Event of(String type) {
            return Arrays.stream(values())
                    .filter(e -> e.type.equals(type))
                    .findFirst()
                    .orElse(null);
        }
    }

    record Endpoint(long id, String url, String description, Set<Event> events, boolean active) {

        /** The events' names, as the newsroom shows them. */
        List<String> types() {
            return events.stream().map(e -> e.type).sorted().toList();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient db;
    private final Articles articles;
    private final SiteUrls urls;
    private final Clock clock;
    private final Sealer secrets;
    private final ChannelsSettings.Webhooks settings;

    Webhooks(
            JdbcClient db,
            Articles articles,
            SiteUrls urls,
            Clock clock,
            ChannelsSettings settings,
            TamizdatSettings site,
            Keys keys) {
        this.db = db;
        this.articles = articles;
        this.urls = urls;
        this.clock = clock;
        this.settings = settings.webhooks();
        byte[] key = keys.load(
                "TAMIZDAT_CHANNELS_KEY", settings.key(), site.dataDir().resolve("channels.key"));
        this.secrets = secretsSealer(key);
    }

    /** The seal on endpoints' secrets that {@code key} makes. */
    static Sealer secretsSealer(byte[] key) {
        return new Sealer(key, "webhook-secrets");
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        article(Event.ARTICLE_PUBLISHED, event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        article(Event.ARTICLE_UPDATED, event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        if (articles.offChannels(event.articleId())) {
            return;
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("id", event.articleId());
        data.put("language", event.language().code());
        data.put("slug", event.slug());
        data.put("path", PublicPaths.article(event.language(), event.slug()));
        enqueue(Event.ARTICLE_UNPUBLISHED, data);
    }

    @ApplicationModuleListener
    void on(EditionSent event) {
        var data = new LinkedHashMap<String, Object>();
        data.put("id", event.editionId());
        data.put("newsletter", event.newsletter());
        data.put("subject", event.subject());
        data.put("path", event.path());
        data.put("url", urls.absolute(event.path()));
        enqueue(Event.EDITION_SENT, data);
    }

    /** A thin payload: what changed and where to read it in full (the page, and the Content API). */
    private void article(Event event, long id) {
        // an article the newsroom keeps off the channels is not announced to the webhooks either
        articles.published(id).filter(article -> !articles.offChannels(id)).ifPresent(article -> {
            var data = new LinkedHashMap<String, Object>();
            data.put("id", article.id());
            data.put("language", article.language().code());
            data.put("slug", article.path().substring(article.path().lastIndexOf('/') + 1));
            data.put("headline", article.headline());
            data.put("path", article.path());
            data.put("url", urls.absolute(article.path()));
            data.put("api_url", urls.absolute(PublicPaths.API_ARTICLES + article.path()));
            data.put("published_at", article.publishedAt().toString());
            data.put(
                    "updated_at",
                    (article.updatedAt() == null ? article.publishedAt() : article.updatedAt()).toString());
            enqueue(event, data);
        });
    }

    /** One delivery of the event for each active endpoint that chose it. */
    void enqueue(Event event, Map<String, Object> data) {
        var now = clock.instant();
        var payload = new LinkedHashMap<String, Object>();
        payload.put("type", event.type);
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        String body = JSON.writeValueAsString(payload);
        for (Endpoint endpoint : active()) {
            if (endpoint.events().contains(event)) {
                db.sql("""
                                INSERT INTO webhook_delivery (endpoint_id, message_id, event_type, payload, status,
                                  attempts, next_attempt_at, created_at)
                                VALUES (:endpoint, :message, :type, :payload, :status, 0, :now, :now)
                                """)
                        .param("endpoint", endpoint.id())
                        .param("message", "msg_" + token(18))
                        .param("type", event.type)
                        .param("payload", body)
                        .param("status", DeliveryStatus.PENDING.name())
                        .param("now", SqlTime.utc(now))
                        .update();
            }
        }
    }

    /** A fresh Standard Webhooks secret: {@code whsec_} and 32 random bytes in base64. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    private static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Adds an endpoint and returns its secret, shown once to the admin who added it; or the problems
     * (message keys by field) that kept it from being added.
     */
    @Transactional
    Added add(String url, String description, List<String> eventTypes) {
        var problems = new LinkedHashMap<String, String>();
        String address = url.strip();
        if (!acceptable(address)) {
            problems.put("url", settings.allowHttp() ? "webhooks.error.url-http" : "webhooks.error.url");
        }
        if (description.length() > 200) {
            problems.put("description", "webhooks.error.description");
        }
        var events = eventTypes.stream()
                .map(Event::of)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        if (events.isEmpty() || events.size() != eventTypes.stream().distinct().count()) {
            problems.put("events", "webhooks.error.events");
        }
        if (!problems.isEmpty()) {
            return new Added(null, null, problems);
        }
        String secret = newSecret();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("""
                        INSERT INTO webhook_endpoint (url, description, secret, events, active, created_at)
                        VALUES (:url, :description, :secret, :events, TRUE, :now)
                        """)
                .param("url", address)
                .param("description", description.strip())
                .param("secret", secrets.seal(secret))
                .param("events", events.stream().map(e -> e.type).sorted().collect(Collectors.joining(",")))
                .param("now", SqlTime.utc(clock.instant()))
                .update(keys, "id");
        long id = java.util.Objects.requireNonNull(keys.getKey()).longValue();
        return new Added(id, secret, Map.of());
    }

    record Added(@Nullable Long id, @Nullable String secret, Map<String, String> problems) {}

    /** An https address with a host (or http where allowed), without credentials in it. */
    boolean acceptable(String url) {
        if (url.isEmpty() || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("https") || (scheme.equals("http") && settings.allowHttp()))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    @Transactional
    void setActive(long id, boolean active) {
        db.sql("UPDATE webhook_endpoint SET active = :active WHERE id = :id")
                .param("active", active)
                .param("id", id)
                .update();
        if (!active) {
            // what was waiting for it is not sent
            db.sql(
                            "UPDATE webhook_delivery SET status = :failed, last_error = 'endpoint switched off', next_attempt_at = NULL"
                                    + " WHERE endpoint_id = :id AND status = :pending")
                    .param(
                            "failed",
                            DeliveryStatus.PENDING.to(DeliveryStatus.FAILED).name())
                    .param("pending", DeliveryStatus.PENDING.name())
                    .param("id", id)
                    .update();
        }
    }

    @Transactional
    void remove(long id) {
        db.sql("DELETE FROM webhook_delivery WHERE endpoint_id = :id")
                .param("id", id)
                .update();
        db.sql("DELETE FROM webhook_endpoint WHERE id = :id").param("id", id).update();
    }

    List<Endpoint> all() {
        return db.sql("SELECT id, url, description, events, active FROM webhook_endpoint ORDER BY id")
                .query((rs, n) -> new Endpoint(
                        rs.getLong("id"),
                        rs.getString("url"),
                        rs.getString("description"),
                        Arrays.stream(rs.getString("events").split(","))
                                .map(Event::of)
                                .filter(java.util.Objects::nonNull)
                                .collect(Collectors.toSet()),
                        rs.getBoolean("active")))
                .list();
    }

    private List<Endpoint> active() {
        return all().stream().filter(Endpoint::active).toList();
    }

    /** The endpoint's secret, for signing. */
    String secret(long endpointId) {
        return secrets.open(db.sql("SELECT secret FROM webhook_endpoint WHERE id = :id")
                .param("id", endpointId)
                .query(String.class)
                .single());
    }
}
