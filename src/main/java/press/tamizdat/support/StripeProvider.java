package press.tamizdat.support;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.util.Locale;
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

    private final StripeClient stripe;
    private final SiteUrls urls;
    private final TamizdatSettings site;

    StripeProvider(SupportSettings settings, SiteUrls urls, TamizdatSettings site) {
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

    @Override
    public URI start(Checkouts.Checkout checkout) throws ProviderFailure {
        boolean once = checkout.frequency() == Frequency.ONCE;
        var price = SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency(checkout.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .setUnitAmount(checkout.amount().minor())
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                        .setName(site.site().name())
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
                .setSuccessUrl(urls.absolute(PublicPaths.SUPPORT_THANKS))
                .setCancelUrl(urls.absolute(PublicPaths.SUPPORT + "?" + checkout.formQuery()))
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(price.build())
                        .build());
        if (once) {
            params.setSubmitType(SessionCreateParams.SubmitType.DONATE)
                    .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                            .putMetadata(CHECKOUT, checkout.reference())
                            .build());
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
            return URI.create(session.getUrl());
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
