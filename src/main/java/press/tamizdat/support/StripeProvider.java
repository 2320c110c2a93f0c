package press.tamizdat.support;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * Stripe, through its own client: a Checkout Session in payment mode for a one-time gift, in
 * subscription mode with a monthly or yearly price for recurring support. Card details go to
 * Stripe's page and never reach us; what Stripe took comes back as signed events to
 * {@link StripeEvents}. Our checkout reference rides along as {@code client_reference_id} and as
 * metadata on the payment or subscription, so every later event can name its checkout.
 */
@Component
@ConditionalOnExpression("!'${tamizdat.support.stripe.secret-key:}'.isBlank()")
class StripeProvider implements PaymentProvider {

    static final String NAME = "stripe";
    static final String CHECKOUT = "checkout";

    private static final Logger log = LoggerFactory.getLogger(StripeProvider.class);

    private final StripeClient stripe;
    private final SiteUrls urls;
    private final TamizdatSettings site;
    private final String checkoutOrigin;
    private final SupportSettings.Discretion discretion;

    StripeProvider(SupportSettings settings, SiteUrls urls, TamizdatSettings site) {
        if (settings.stripe().webhookSecret().isBlank()) {
            // without it every event Stripe sends is refused, and no contribution is ever recorded
            throw new IllegalStateException("STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not:"
                    + " set the signing secret of the webhook endpoint /support/webhooks/stripe"
                    + " (Stripe's dashboard shows it as whsec_…), or no contribution will be recorded");
        }
        this.checkoutOrigin = origin(settings.stripe().checkoutOrigin());
        this.discretion = settings.discretion();
        this.stripe = StripeClient.builder()
                .setApiKey(settings.stripe().secretKey())
                .setApiBase(settings.stripe().apiBase())
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000)
                .setMaxNetworkRetries(2)
                .build();
        this.urls = urls;
        this.site = site;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Stripe's checkout takes cards (and the wallets the account turns on, which it names itself). */
    @Override
    public List<PaymentMethod> methods() {
        return List.of(PaymentMethod.CARD);
    }

    @Override
    public List<String> checkoutOrigins() {
        return List.of(checkoutOrigin);
    }

    /** {@code configured} as a CSP source: {@code scheme://host[:port]}, or a clear refusal to start. */
    static String origin(String configured) {
        try {
            var uri = new URI(configured.strip());
            boolean bare = (uri.getPath() == null || uri.getPath().isEmpty())
                    && uri.getQuery() == null
                    && uri.getFragment() == null
                    && uri.getUserInfo() == null;
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null && bare) {
                return originOf(uri);
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalStateException("STRIPE_CHECKOUT_ORIGIN must be an origin such as https://checkout.stripe.com"
                + " (scheme and host, no path), not " + configured);
    }

    private static String originOf(URI uri) {
        return uri.getScheme() + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    @Override
    public URI start(Checkouts.Checkout checkout) throws ProviderFailure {
        boolean once = checkout.frequency() == Frequency.ONCE;
        var price = SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency(checkout.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .setUnitAmount(checkout.amount().minor())
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                        .setName(discretion.paymentName(site.site().name()))
                        .build());
        if (!once) {
            price.setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                    .setInterval(
                            checkout.frequency() == Frequency.MONTHLY
                                    ? SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH
                                    : SessionCreateParams.LineItem.PriceData.Recurring.Interval.YEAR)
                    .build());
        }
        var params = SessionCreateParams.builder()
                .setMode(once ? SessionCreateParams.Mode.PAYMENT : SessionCreateParams.Mode.SUBSCRIPTION)
                .setClientReferenceId(checkout.reference())
                .putMetadata(CHECKOUT, checkout.reference())
                .setSuccessUrl(urls.absolute(checkout.thanks()))
                .setCancelUrl(urls.absolute(PublicPaths.SUPPORT + "?" + checkout.formQuery()))
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(price.build())
                        .build());
        if (once) {
            var intent = SessionCreateParams.PaymentIntentData.builder().putMetadata(CHECKOUT, checkout.reference());
            if (!discretion.statementDescriptor().isBlank()) {
                // after the account's own prefix, which Stripe's dashboard sets
                intent.setStatementDescriptorSuffix(discretion.statementDescriptor());
            }
            params.setSubmitType(SessionCreateParams.SubmitType.DONATE).setPaymentIntentData(intent.build());
        } else {
            params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                    .putMetadata(CHECKOUT, checkout.reference())
                    .build());
        }
        try {
            var session = stripe.v1()
                    .checkout()
                    .sessions()
                    .create(
                            params.build(),
                            // a retried start (a timeout, a second click) gets the same session
                            RequestOptions.builder()
                                    .setIdempotencyKey("checkout-" + checkout.reference())
                                    .build());
            var page = URI.create(session.getUrl());
            if (!checkoutOrigin.equals(originOf(page))) {
                // the browser will refuse the hand-over: say what to configure
                log.error(
                        "Stripe's checkout page is on {}, which STRIPE_CHECKOUT_ORIGIN ({}) does not name;"
                                + " browsers will not follow the contribution form there",
                        originOf(page),
                        checkoutOrigin);
            }
            return page;
        } catch (StripeException | IllegalArgumentException | NullPointerException e) {
            throw new ProviderFailure("Stripe did not open a checkout", e);
        }
    }

    @Override
    public void cancel(String recurringReference) throws ProviderFailure {
        try {
            Subscription subscription = stripe.v1().subscriptions().retrieve(recurringReference);
            if (!"canceled".equals(subscription.getStatus())) {
                stripe.v1()
                        .subscriptions()
                        .cancel(
                                recurringReference,
                                RequestOptions.builder()
                                        .setIdempotencyKey("cancel-" + recurringReference)
                                        .build());
            }
        } catch (StripeException e) {
            throw new ProviderFailure("Stripe did not cancel " + recurringReference, e);
        }
    }

    @Override
    public void change(String recurringReference, Frequency frequency, Money amount) throws ProviderFailure {
        try {
            Subscription subscription = stripe.v1().subscriptions().retrieve(recurringReference);
            var item = subscription.getItems().getData().getFirst();
            var params = SubscriptionUpdateParams.builder()
                    .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.NONE)
                    .addItem(SubscriptionUpdateParams.Item.builder()
                            .setId(item.getId())
                            .setPriceData(SubscriptionUpdateParams.Item.PriceData.builder()
                                    .setCurrency(
                                            amount.currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                                    .setProduct(item.getPrice().getProduct())
                                    .setUnitAmount(amount.minor())
                                    .setRecurring(SubscriptionUpdateParams.Item.PriceData.Recurring.builder()
                                            .setInterval(
                                                    frequency == Frequency.ANNUAL
                                                            ? SubscriptionUpdateParams.Item.PriceData.Recurring.Interval
                                                                    .YEAR
                                                            : SubscriptionUpdateParams.Item.PriceData.Recurring.Interval
                                                                    .MONTH)
                                            .build())
                                    .build())
                            .build())
                    .build();
            stripe.v1().subscriptions().update(recurringReference, params);
        } catch (StripeException | RuntimeException e) {
            throw new ProviderFailure("Stripe did not change " + recurringReference, e);
        }
    }
}
