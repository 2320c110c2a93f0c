package press.tamizdat.support;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;
import tools.jackson.databind.JsonNode;

/**
 * PayPal: a one-time gift is an order (Orders v2) that the reader approves at PayPal and we then
 * capture; recurring support is a subscription (Subscriptions v1) to a billing plan made once per
 * currency, amount and interval and reused. Our checkout reference rides along as the order's and
 * the subscription's {@code custom_id}, so every event PayPal sends names its checkout. What was
 * paid is learned only from PayPal's verified events ({@link PayPalEvents}).
 */
@Component
@ConditionalOnExpression("!'${tamizdat.support.paypal.client-id:}'.isBlank()")
class PayPalProvider implements PaymentProvider {

    static final String NAME = "paypal";

    private static final Logger log = LoggerFactory.getLogger(PayPalProvider.class);

    private final PayPalClient paypal;
    private final SupportSettings.PayPal settings;
    private final JdbcClient db;
    private final SiteUrls urls;
    private final TamizdatSettings site;
    private final Clock clock;
    private final String checkoutOrigin;
    private final SupportSettings.Discretion discretion;

    PayPalProvider(SupportSettings settings, JdbcClient db, SiteUrls urls, TamizdatSettings site, Clock clock) {
        if (settings.paypal().clientSecret().isBlank()
                || settings.paypal().webhookId().isBlank()) {
            throw new IllegalStateException(
                    "PAYPAL_CLIENT_ID is set but PAYPAL_CLIENT_SECRET or PAYPAL_WEBHOOK_ID is not:"
                            + " set the app's secret and the id PayPal gave the webhook /support/webhooks/paypal,"
                            + " or no PayPal contribution will be recorded");
        }
        this.settings = settings.paypal();
        this.discretion = settings.discretion();
        this.paypal = new PayPalClient(this.settings, clock);
        this.db = db;
        this.urls = urls;
        this.site = site;
        this.clock = clock;
        this.checkoutOrigin = checkoutOrigin(paypal.base());
    }

    /** The name PayPal shows the reader and puts in their history. */
    private String brand() {
        return discretion.paymentName(site.site().name());
    }

    PayPalClient client() {
        return paypal;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(PaymentMethod.PAYPAL);
    }

    @Override
    public List<String> checkoutOrigins() {
        return List.of(checkoutOrigin);
    }

    /**
     * Where PayPal's approval pages are: www.paypal.com for the live API, www.sandbox.paypal.com
     * for the sandbox, and the API's own origin for a stand-in (tests).
     */
    static String checkoutOrigin(URI api) {
        String host = String.valueOf(api.getHost()).toLowerCase(Locale.ROOT);
        if (host.endsWith(".sandbox.paypal.com")) {
            return "https://www.sandbox.paypal.com";
        }
        if (host.endsWith(".paypal.com")) {
            return "https://www.paypal.com";
        }
        return api.getScheme() + "://" + host + (api.getPort() == -1 ? "" : ":" + api.getPort());
    }

    @Override
    public URI start(Checkouts.Checkout checkout) throws ProviderFailure {
        var reply = checkout.frequency() == Frequency.ONCE ? order(checkout) : subscription(checkout);
        if (!reply.ok()) {
            throw new ProviderFailure(
                    "PayPal refused checkout " + checkout.reference() + ": " + reply.status() + " " + reply.issue(),
                    null);
        }
        var page = link(reply.body(), "payer-action")
                .or(() -> link(reply.body(), "approve"))
                .orElseThrow(
                        () -> new ProviderFailure("PayPal gave no approval page for " + checkout.reference(), null));
        if (!page.toString().startsWith(checkoutOrigin + "/")) {
            log.error(
                    "PayPal's approval page is {}, outside {}; browsers will not follow the form there",
                    page,
                    checkoutOrigin);
        }
        return page;
    }

    private PayPalClient.Reply order(Checkouts.Checkout checkout) throws ProviderFailure {
        var amount = Map.of(
                "currency_code", checkout.amount().currency().getCurrencyCode(),
                "value", checkout.amount().plain());
        var unit = new java.util.LinkedHashMap<String, Object>(Map.of(
                "reference_id", checkout.reference(),
                "custom_id", checkout.reference(),
                "description", brand(),
                "amount", amount));
        if (!discretion.statementDescriptor().isBlank()) {
            unit.put("soft_descriptor", discretion.statementDescriptor());
        }
        var body = Map.of(
                "intent", "CAPTURE",
                "purchase_units", List.of(unit),
                "payment_source", Map.of("paypal", Map.of("experience_context", experience(checkout, "PAY_NOW"))));
        return paypal.post("/v2/checkout/orders", body, "checkout-" + checkout.reference());
    }

    private PayPalClient.Reply subscription(Checkouts.Checkout checkout) throws ProviderFailure {
        var body = Map.of(
                "plan_id", plan(checkout.frequency(), checkout.amount()),
                "custom_id", checkout.reference(),
                "application_context", experience(checkout, "SUBSCRIBE_NOW"));
        return paypal.post("/v1/billing/subscriptions", body, "checkout-" + checkout.reference());
    }

    private Map<String, Object> experience(Checkouts.Checkout checkout, String action) {
        return Map.of(
                "brand_name",
                brand(),
                "locale",
                "ru".equals(checkout.language()) ? "ru-RU" : "en-US",
                "shipping_preference",
                "NO_SHIPPING",
                "user_action",
                action,
                "return_url",
                urls.absolute(PublicPaths.SUPPORT_PAYPAL_RETURN + "?checkout=" + checkout.reference()),
                "cancel_url",
                urls.absolute(PublicPaths.SUPPORT + "?" + checkout.formQuery()));
    }

    /** The billing plan for this amount and interval: the one made before, or a new one. */
    private String plan(Frequency frequency, Money amount) throws ProviderFailure {
        String interval = frequency == Frequency.ANNUAL ? "YEAR" : "MONTH";
        String key = amount.currency().getCurrencyCode() + ":" + amount.minor() + ":" + interval;
        var known = known(key);
        if (known.isPresent()) {
            return known.get();
        }
        String product = product();
        var price = Map.of(
                "value", amount.plain(), "currency_code", amount.currency().getCurrencyCode());
        var cycle = Map.of(
                "frequency",
                Map.of("interval_unit", interval, "interval_count", 1),
                "tenure_type",
                "REGULAR",
                "sequence",
                1,
                "total_cycles",
                0,
                "pricing_scheme",
                Map.of("fixed_price", price));
        var body = Map.of(
                "product_id",
                product,
                "name",
                brand() + " " + amount.plain() + " " + amount.currency().getCurrencyCode() + " "
                        + interval.toLowerCase(Locale.ROOT),
                "status",
                "ACTIVE",
                "billing_cycles",
                List.of(cycle),
                "payment_preferences",
                Map.of("auto_bill_outstanding", true, "payment_failure_threshold", 3));
        var reply = paypal.post("/v1/billing/plans", body, "plan-" + product + "-" + key);
        return remember(key, created(reply, "plan " + key));
    }

    private String product() throws ProviderFailure {
        var known = known("product");
        if (known.isPresent()) {
            return known.get();
        }
        var reply = paypal.post(
                "/v1/catalogs/products",
                Map.of("name", brand(), "type", "SERVICE", "category", "NEWSPAPERS"),
                "product");
        return remember("product", created(reply, "the product"));
    }

    private static String created(PayPalClient.Reply reply, String what) throws ProviderFailure {
        String id = reply.body().path("id").asString("");
        if (!reply.ok() || id.isBlank()) {
            throw new ProviderFailure(
                    "PayPal did not make " + what + ": " + reply.status() + " " + reply.issue(), null);
        }
        return id;
    }

    private Optional<String> known(String key) {
        return db.sql("SELECT paypal_id FROM paypal_plan WHERE client_id = :client AND plan_key = :key")
                .param("client", settings.clientId())
                .param("key", key)
                .query(String.class)
                .optional();
    }

    /** Keeps what was made; when another node made the same at the same moment, the first kept wins. */
    private String remember(String key, String id) {
        db.sql("""
                        INSERT INTO paypal_plan (client_id, plan_key, paypal_id, created_at)
                        VALUES (:client, :key, :id, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .param("client", settings.clientId())
                .param("key", key)
                .param("id", id)
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        return known(key).orElse(id);
    }

    /** Captures an order the reader approved; false when PayPal declined the payment. */
    boolean capture(String order) throws ProviderFailure {
        var reply = paypal.post("/v2/checkout/orders/" + PayPalClient.id(order) + "/capture", null, "capture-" + order);
        if (reply.ok() || "ORDER_ALREADY_CAPTURED".equals(reply.issue())) {
            return true;
        }
        if ("INSTRUMENT_DECLINED".equals(reply.issue()) || "PAYER_ACTION_REQUIRED".equals(reply.issue())) {
            return false;
        }
        throw new ProviderFailure(
                "PayPal did not capture order " + order + ": " + reply.status() + " " + reply.issue(), null);
    }

    @Override
    public void cancel(String recurringReference) throws ProviderFailure {
        String path = "/v1/billing/subscriptions/" + PayPalClient.id(recurringReference);
        var current = paypal.get(path);
        String status = current.body().path("status").asString("");
        if (current.status() == 404 || "CANCELLED".equals(status) || "EXPIRED".equals(status)) {
            return;
        }
        var reply = paypal.post(path + "/cancel", Map.of("reason", "Cancelled by the supporter"), null);
        if (!reply.ok() && !"SUBSCRIPTION_STATUS_INVALID".equals(reply.issue())) {
            throw new ProviderFailure(
                    "PayPal did not cancel " + recurringReference + ": " + reply.status() + " " + reply.issue(), null);
        }
    }

    /** The new amount is set on the subscription's own copy of its plan; the interval stays. */
    @Override
    public void change(String recurringReference, Frequency frequency, Money amount) throws ProviderFailure {
        var price = Map.of("currency_code", amount.currency().getCurrencyCode(), "value", amount.plain());
        var reply = paypal.patch(
                "/v1/billing/subscriptions/" + PayPalClient.id(recurringReference),
                List.of(Map.of(
                        "op", "replace",
                        "path", "/plan/billing_cycles/@sequence==1/pricing_scheme/fixed_price",
                        "value", price)));
        if (!reply.ok()) {
            throw new ProviderFailure(
                    "PayPal did not change " + recurringReference + ": " + reply.status() + " " + reply.issue(), null);
        }
    }

    private static Optional<URI> link(JsonNode body, String rel) {
        for (JsonNode link : body.path("links")) {
            if (rel.equals(link.path("rel").asString(""))) {
                return Optional.of(URI.create(link.path("href").asString()));
            }
        }
        return Optional.empty();
    }
}
