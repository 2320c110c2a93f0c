package press.tamizdat.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.SiteUrls;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BTCPay Server, the outlet's own: each payment is an invoice made through its Greenfield API,
 * paid on its checkout page from the reader's wallet; no company holds the money or learns who
 * paid. Our checkout and the period it pays for ride in the invoice's metadata. Crypto has no
 * subscriptions, so recurring support here is ours alone: the first invoice starts it, and
 * {@link CryptoRenewals} mails a fresh invoice link when each period is due; cancelling and
 * changing need no one else.
 */
@Component
@ConditionalOnExpression("!'${tamizdat.support.btcpay.url:}'.isBlank()")
class BtcPayProvider implements PaymentProvider {

    static final String NAME = "btcpay";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final SupportSettings.BtcPay settings;
    private final SupportSettings support;
    private final URI base;
    private final SiteUrls urls;
    private final TamizdatSettings site;

    BtcPayProvider(SupportSettings settings, SiteUrls urls, TamizdatSettings site) {
        var btcpay = settings.btcpay();
        if (btcpay.apiKey().isBlank()
                || btcpay.storeId().isBlank()
                || btcpay.webhookSecret().isBlank()) {
            throw new IllegalStateException("BTCPAY_URL is set but BTCPAY_API_KEY, BTCPAY_STORE_ID or"
                    + " BTCPAY_WEBHOOK_SECRET is not: set the Greenfield API key, the store's id and the secret of"
                    + " the store's webhook to /support/webhooks/btcpay, or no crypto contribution will be recorded");
        }
        this.settings = btcpay;
        this.support = settings;
        this.base = URI.create(btcpay.url().replaceAll("/+$", ""));
        if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalStateException("BTCPAY_URL must be the server's address, such as https://pay.example.org");
        }
        this.urls = urls;
        this.site = site;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(PaymentMethod.CRYPTO);
    }

    @Override
    public List<String> checkoutOrigins() {
        return List.of(base.getScheme() + "://" + base.getHost().toLowerCase(Locale.ROOT)
                + (base.getPort() == -1 ? "" : ":" + base.getPort()));
    }

    @Override
    public URI start(Checkouts.Checkout checkout) throws ProviderFailure {
        return invoice(checkout, 1);
    }

    /**
     * A new invoice for {@code period} of a checkout (the first, or a renewal's), and its checkout
     * page. A recurring supporter is asked for an address there, for the next period's link.
     */
    URI invoice(Checkouts.Checkout checkout, int period) throws ProviderFailure {
        boolean recurring = checkout.frequency() != Frequency.ONCE;
        var body = Map.of(
                "amount", checkout.amount().plain(),
                "currency", checkout.amount().currency().getCurrencyCode(),
                "metadata",
                        Map.of(
                                "orderId", checkout.reference(),
                                "checkout", checkout.reference(),
                                "period", period,
                                "itemDesc",
                                        support.discretion()
                                                .paymentName(site.site().name())),
                "checkout",
                        Map.of(
                                "redirectURL",
                                urls.absolute(checkout.thanks()),
                                "redirectAutomatically",
                                true,
                                "defaultLanguage",
                                "ru".equals(checkout.language()) ? "ru-RU" : "en",
                                "requiresRefundEmail",
                                recurring && !checkout.noEmail()));
        var reply = send("POST", invoices(""), json.writeValueAsString(body));
        String link = reply.path("checkoutLink").asString("");
        if (link.isBlank()) {
            throw new ProviderFailure("BTCPay Server gave no checkout page for " + checkout.reference(), null);
        }
        return URI.create(link);
    }

    /** An invoice as BTCPay Server has it now. */
    JsonNode invoice(String id) throws ProviderFailure {
        return send("GET", invoices("/" + URLEncoder.encode(id, StandardCharsets.UTF_8)), null);
    }

    /** Nothing renews at BTCPay Server: ending the support here stops the renewal mails. */
    @Override
    public void cancel(String recurringReference) {}

    /** The next renewal's invoice is made for the amount recorded here. */
    @Override
    public void change(String recurringReference, Frequency frequency, Money amount) {}

    private String invoices(String rest) {
        return "/api/v1/stores/" + URLEncoder.encode(settings.storeId(), StandardCharsets.UTF_8) + "/invoices" + rest;
    }

    private JsonNode send(String method, String path, @Nullable String body) throws ProviderFailure {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "token " + settings.apiKey())
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new ProviderFailure(
                        "BTCPay Server answered " + response.statusCode() + " to " + method + " " + path, null);
            }
            return json.readTree(response.body());
        } catch (IOException | JacksonException e) {
            throw new ProviderFailure("BTCPay Server did not answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure("Interrupted while waiting for BTCPay Server", e);
        }
    }
}
