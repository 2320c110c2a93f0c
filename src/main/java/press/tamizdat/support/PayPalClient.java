package press.tamizdat.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayPal's REST API, through the JDK's HTTP client and Jackson. PayPal's Java Server SDK was
 * weighed and left: it has orders and subscriptions but neither catalog products (every plan
 * needs one) nor webhook signature verification, so half the calls would be ours anyway, and it
 * brings a second HTTP stack and Jackson 2. Each call here is one JSON request with an OAuth token
 * that is fetched once and renewed before it expires.
 */
class PayPalClient {

    /** PayPal's ids (orders, captures, plans, subscriptions, sales) as they may appear in a path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // trailing content refused explicitly: an event is pasted whole into the verification request
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final URI base;
    private final String credentials;
    private final Clock clock;
    private volatile @Nullable Token token;

    private record Token(String value, Instant renewAt) {}

    /** PayPal's answer: its status and body ({@code {}} when there was none). */
    record Reply(int status, JsonNode body) {

        boolean ok() {
            return status / 100 == 2;
        }

        /** PayPal's name for what went wrong: {@code ORDER_ALREADY_CAPTURED}, or the error's name. */
        String issue() {
            var details = body.path("details");
            if (details.isArray() && !details.isEmpty()) {
                return details.get(0).path("issue").asString("");
            }
            return body.path("name").asString("");
        }
    }

    PayPalClient(SupportSettings.PayPal settings, Clock clock) {
        this.base = URI.create(settings.apiBase().replaceAll("/+$", ""));
        this.credentials = Base64.getEncoder()
                .encodeToString((settings.clientId() + ":" + settings.clientSecret()).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    URI base() {
        return base;
    }

    /** A PayPal id checked fit for a path, or a refusal. */
    static String id(String value) {
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a PayPal id: " + value);
        }
        return value;
    }

    JsonNode read(String body) {
        return json.readTree(body);
    }

    String write(Object body) {
        return json.writeValueAsString(body);
    }

    Reply get(String path) throws PaymentProvider.ProviderFailure {
        return send("GET", path, null, null);
    }

    Reply post(String path, @Nullable Object body, @Nullable String requestId) throws PaymentProvider.ProviderFailure {
        return send("POST", path, body == null ? null : body instanceof String raw ? raw : write(body), requestId);
    }

    Reply patch(String path, Object body) throws PaymentProvider.ProviderFailure {
        return send("PATCH", path, write(body), null);
    }

    /**
     * One call; a refused token is renewed and the call made once more. A failure to connect, a
     * timeout or a 5xx is the provider not answering; other statuses are PayPal's answer.
     */
    private Reply send(String method, String path, @Nullable String body, @Nullable String requestId)
            throws PaymentProvider.ProviderFailure {
        Reply reply = attempt(method, path, body, requestId, accessToken(false));
        if (reply.status() == 401) {
            reply = attempt(method, path, body, requestId, accessToken(true));
        }
        if (reply.status() >= 500) {
            throw new PaymentProvider.ProviderFailure(
                    "PayPal answered " + reply.status() + " to " + method + " " + path, null);
        }
        return reply;
    }

    private Reply attempt(String method, String path, @Nullable String body, @Nullable String requestId, String token)
            throws PaymentProvider.ProviderFailure {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (requestId != null) {
            // PayPal's idempotency key: the same request again gets the first one's answer
            request.header("PayPal-Request-Id", requestId);
        }
        return exchange(request.build(), method + " " + path);
    }

    private String accessToken(boolean renew) throws PaymentProvider.ProviderFailure {
        var current = token;
        if (!renew && current != null && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        synchronized (this) {
            current = token;
            if (!renew && current != null && clock.instant().isBefore(current.renewAt())) {
                return current.value();
            }
            var reply = exchange(
                    HttpRequest.newBuilder(base.resolve("/v1/oauth2/token"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Basic " + credentials)
                            .header("Accept", "application/json")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                            .build(),
                    "token");
            String value = reply.body().path("access_token").asString("");
            if (!reply.ok() || value.isBlank()) {
                throw new PaymentProvider.ProviderFailure(
                        "PayPal refused our credentials (" + reply.status() + " " + reply.issue()
                                + "): check PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET",
                        null);
            }
            long seconds = Math.max(60, reply.body().path("expires_in").asLong(3600));
            token = new Token(value, clock.instant().plusSeconds(seconds - 60));
            return value;
        }
    }

    private Reply exchange(HttpRequest request, String what) throws PaymentProvider.ProviderFailure {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = response.body();
            JsonNode parsed = text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
            return new Reply(response.statusCode(), parsed);
        } catch (IOException | JacksonException e) {
            throw new PaymentProvider.ProviderFailure("PayPal did not answer " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentProvider.ProviderFailure("Interrupted while waiting for PayPal", e);
        }
    }
}
