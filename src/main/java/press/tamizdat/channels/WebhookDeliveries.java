package press.tamizdat.channels;

import com.standardwebhooks.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.SqlTime;

/**
 * Sends the deliveries that are due, signed as Standard Webhooks asks: {@code webhook-id} (the same
 * on every attempt, so a receiver can drop repeats), {@code webhook-timestamp} (this attempt's) and
 * {@code webhook-signature} ({@code v1,} and the HMAC-SHA256 of {@code id.timestamp.body} with the
 * endpoint's secret, in base64). A 2xx answer delivers; anything else (another status, a timeout,
 * a refused connection) is retried after the next wait in the schedule, with a little jitter, until
 * the schedule runs out. Redirects are not followed. One job on one node at a time sends; the
 * deliveries of a batch go out at once, so one slow endpoint does not hold the others.
 */
@Component
class WebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final int BATCH = 50;

    private final JdbcClient db;
    private final Webhooks webhooks;
    private final Clock clock;
    private final ChannelsSettings.Webhooks settings;
    private final HttpClient http;

    WebhookDeliveries(JdbcClient db, Webhooks webhooks, Clock clock, ChannelsSettings settings) {
        this.db = db;
        this.webhooks = webhooks;
        this.clock = clock;
        this.settings = settings.webhooks();
        this.http = HttpClient.newBuilder()
                .connectTimeout(this.settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    record Due(long id, long endpointId, String url, String messageId, String payload, int attempts) {}

    record Outcome(@Nullable Integer status, @Nullable String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /** Sends what is due now; returns how many were delivered. */
    int work() {
        List<Due> due = db.sql("""
                        SELECT d.id, d.endpoint_id, e.url, d.message_id, d.payload, d.attempts
                        FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
                        WHERE d.status = :pending AND d.next_attempt_at <= :now AND e.active = TRUE
                        ORDER BY d.next_attempt_at, d.id LIMIT :batch
                        """)
                .param("pending", DeliveryStatus.PENDING.name())
                .param("now", SqlTime.utc(clock.instant()))
                .param("batch", BATCH)
                .query((rs, n) -> new Due(
                        rs.getLong("id"),
                        rs.getLong("endpoint_id"),
                        rs.getString("url"),
                        rs.getString("message_id"),
                        rs.getString("payload"),
                        rs.getInt("attempts")))
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        var outcomes = new ArrayList<Future<Outcome>>();
        try (var sending = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Due delivery : due) {
                outcomes.add(sending.submit(() -> send(delivery)));
            }
        }
        int delivered = 0;
        for (int i = 0; i < due.size(); i++) {
            Outcome outcome;
            try {
                outcome = outcomes.get(i).get();
            } catch (ExecutionException | InterruptedException e) {
                outcome = new Outcome(null, e.getClass().getSimpleName());
            }
            record(due.get(i), outcome);
            delivered += outcome.delivered() ? 1 : 0;
        }
        return delivered;
    }

    private Outcome send(Due delivery) {
        try {
            long timestamp = clock.instant().getEpochSecond();
            String signature = signature(
                    webhooks.secret(delivery.endpointId()), delivery.messageId(), timestamp, delivery.payload());
            var request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(settings.timeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "Tamizdat-Webhooks/1")
                    .header("webhook-id", delivery.messageId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(null, message.length() <= 500 ? message : message.substring(0, 500));
        }
    }

    private void record(Due delivery, Outcome outcome) {
        int attempts = delivery.attempts() + 1;
        Instant now = clock.instant();
        if (outcome.delivered()) {
            db.sql("""
                            UPDATE webhook_delivery SET status = :status, attempts = :attempts, last_attempt_at = :now,
                              last_status = :code, last_error = NULL, delivered_at = :now, next_attempt_at = NULL
                            WHERE id = :id AND status = :pending
                            """)
                    .param(
                            "status",
                            DeliveryStatus.PENDING.to(DeliveryStatus.DELIVERED).name())
                    .param("attempts", attempts)
                    .param("now", SqlTime.utc(now))
                    .param("code", outcome.status())
                    .param("id", delivery.id())
                    .param("pending", DeliveryStatus.PENDING.name())
                    .update();
            return;
        }
        var waits = settings.retries();
        boolean givenUp = attempts > waits.size();
        log.warn(
                "Webhook {} to {} failed (attempt {}): {}",
                delivery.messageId(),
                delivery.url(),
                attempts,
                outcome.status() != null ? "HTTP " + outcome.status() : outcome.error());
        db.sql("""
                        UPDATE webhook_delivery SET status = :status, attempts = :attempts, last_attempt_at = :now,
                          last_status = :code, last_error = :error, next_attempt_at = :next
                        WHERE id = :id AND status = :pending
                        """)
                .param(
                        "status",
                        givenUp
                                ? DeliveryStatus.PENDING
                                        .to(DeliveryStatus.FAILED)
                                        .name()
                                : "PENDING")
                .param("attempts", attempts)
                .param("now", SqlTime.utc(now))
                .param("code", outcome.status())
                .param("error", outcome.error())
                .param("next", givenUp ? null : SqlTime.utc(now.plus(withJitter(waits.get(attempts - 1)))))
                .param("id", delivery.id())
                .param("pending", DeliveryStatus.PENDING.name())
                .update();
    }

    /** The {@code webhook-signature} of one attempt: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}. */
    static String signature(String secret, String messageId, long timestamp, String payload) {
        try {
            return new Webhook(secret).sign(messageId, timestamp, payload);
        } catch (com.standardwebhooks.exceptions.WebhookSigningException e) {
            throw new IllegalStateException("The webhook could not be signed", e);
        }
    }

    /** Up to a tenth more, so deliveries that failed together do not all come back at once. */
    static Duration withJitter(Duration wait) {
        long extra = wait.toMillis() / 10;
        return extra <= 0 ? wait : wait.plusMillis(ThreadLocalRandom.current().nextLong(extra + 1));
    }
}
