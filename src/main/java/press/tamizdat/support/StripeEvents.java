package press.tamizdat.support;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import press.tamizdat.web.PublicPaths;

/**
 * Stripe's webhook: an event is believed only if its {@code Stripe-Signature} holds for our
 * endpoint secret and its timestamp is within the tolerance; it is acted on once, by its id, in
 * the same transaction as its effects; and it is told to {@link Ledger} in our own words, which
 * keeps the records right when events come twice or out of order. A failure answers 500, and
 * Stripe delivers the event again.
 */
@RestController
@ConditionalOnExpression("!'${tamizdat.support.stripe.secret-key:}'.isBlank()")
class StripeEvents {

    private static final Logger log = LoggerFactory.getLogger(StripeEvents.class);
    private static final String NAME = StripeProvider.NAME;

    private final Ledger ledger;
    private final Checkouts checkouts;
    private final TransactionTemplate transactions;
    private final SupportSettings.Stripe settings;
    private final Clock clock;

    StripeEvents(
            Ledger ledger,
            Checkouts checkouts,
            TransactionTemplate transactions,
            SupportSettings settings,
            Clock clock) {
        this.ledger = ledger;
        this.checkouts = checkouts;
        this.transactions = transactions;
        this.settings = settings.stripe();
        this.clock = clock;
    }

    @PostMapping(PublicPaths.WEBHOOKS + "/stripe")
    ResponseEntity<String> receive(
            @RequestBody String payload,
            @RequestHeader(name = "Stripe-Signature", defaultValue = "") String signature) {
        Event event;
        try {
            event = Webhook.constructEvent(
                    payload,
                    signature,
                    settings.webhookSecret(),
                    settings.tolerance().toSeconds(),
                    clock);
        } catch (SignatureVerificationException
                | RuntimeException e) { // a bad signature, or a payload that is no event
            return ResponseEntity.badRequest().body("The signature does not hold for this payload\n");
        }
        transactions.executeWithoutResult(status -> {
            if (ledger.firstDelivery(NAME, event.getId())) {
                act(event);
            }
        });
        return ResponseEntity.ok("");
    }

    private void act(Event event) {
        Instant at = Instant.ofEpochSecond(event.getCreated());
        switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
                var session = (Session) object(event);
                if ("unpaid".equals(session.getPaymentStatus())) {
                    return; // a delayed payment method; its async_payment_succeeded event follows
                }
                String email = session.getCustomerDetails() != null
                        ? session.getCustomerDetails().getEmail()
                        : session.getCustomerEmail();
                String checkout = session.getClientReferenceId();
                if ("subscription".equals(session.getMode())) {
                    ledger.checkoutPaid(NAME, checkout, email, null, session.getSubscription(), at);
                } else {
                    var payment = new Ledger.Payment(
                            session.getPaymentIntent() != null ? session.getPaymentIntent() : session.getId(),
                            session.getPaymentIntent(),
                            money(session.getAmountTotal(), session.getCurrency()));
                    ledger.checkoutPaid(NAME, checkout, email, payment, null, at);
                }
            }
            case "checkout.session.expired", "checkout.session.async_payment_failed" -> {
                var session = (Session) object(event);
                checkouts.end(session.getClientReferenceId(), CheckoutStatus.CANCELLED);
            }
            case "invoice.paid" -> {
                var invoice = (Invoice) object(event);
                subscriptionOf(invoice).ifPresent(subscription -> {
                    var payment = new Ledger.Payment(
                            invoice.getId(),
                            paymentIntentOf(invoice),
                            money(invoice.getAmountPaid(), invoice.getCurrency()));
                    Instant next = invoice.getLines() == null
                                    || invoice.getLines().getData().isEmpty()
                            ? null
                            : Instant.ofEpochSecond(invoice.getLines()
                                    .getData()
                                    .getFirst()
                                    .getPeriod()
                                    .getEnd());
                    ledger.recurringPaid(
                            new RecurringSupportId(NAME, subscription.id(), subscription.checkout()),
                            payment,
                            "subscription_create".equals(invoice.getBillingReason()),
                            invoice.getCustomerEmail(),
                            next,
                            at);
                });
            }
            case "invoice.payment_failed" -> {
                var invoice = (Invoice) object(event);
                subscriptionOf(invoice)
                        .ifPresent(subscription -> ledger.recurringFailed(
                                new RecurringSupportId(NAME, subscription.id(), subscription.checkout()), at));
            }
            case "customer.subscription.created", "customer.subscription.updated" -> {
                var subscription = (Subscription) object(event);
                String checkout = subscription.getMetadata().get(StripeProvider.CHECKOUT);
                if (checkout == null) {
                    return;
                }
                var item = subscription.getItems().getData().getFirst();
                ledger.recurringChanged(
                        new RecurringSupportId(NAME, subscription.getId(), checkout),
                        status(subscription.getStatus()),
                        money(item.getPrice().getUnitAmount(), item.getPrice().getCurrency()),
                        item.getCurrentPeriodEnd() == null ? null : Instant.ofEpochSecond(item.getCurrentPeriodEnd()),
                        at);
            }
            case "customer.subscription.deleted" -> {
                var subscription = (Subscription) object(event);
                String checkout = subscription.getMetadata().get(StripeProvider.CHECKOUT);
                if (checkout != null) {
                    ledger.recurringEnded(new RecurringSupportId(NAME, subscription.getId(), checkout), at);
                }
            }
            case "charge.refunded" -> {
                var charge = (Charge) object(event);
                if (Boolean.TRUE.equals(charge.getRefunded()) && charge.getPaymentIntent() != null) {
                    ledger.refunded(NAME, charge.getPaymentIntent(), at);
                }
            }
            default -> log.debug("Stripe event {} of type {} needs nothing from us", event.getId(), event.getType());
        }
    }

    private record SubscriptionRef(String id, String checkout) {}

    /** The subscription an invoice bills, with our checkout from the subscription's metadata. */
    private static Optional<SubscriptionRef> subscriptionOf(Invoice invoice) {
        if (invoice.getParent() == null || invoice.getParent().getSubscriptionDetails() == null) {
            return Optional.empty();
        }
        var details = invoice.getParent().getSubscriptionDetails();
        Map<String, String> metadata = details.getMetadata() == null ? Map.of() : details.getMetadata();
        String checkout = metadata.get(StripeProvider.CHECKOUT);
        if (details.getSubscription() == null || checkout == null) {
            return Optional.empty();
        }
        return Optional.of(new SubscriptionRef(details.getSubscription(), checkout));
    }

    private static @Nullable String paymentIntentOf(Invoice invoice) {
        if (invoice.getPayments() == null || invoice.getPayments().getData() == null) {
            return null;
        }
        return invoice.getPayments().getData().stream()
                .filter(payment -> payment.getPayment() != null)
                .map(payment -> payment.getPayment().getPaymentIntent())
                .filter(id -> id != null)
                .findFirst()
                .orElse(null);
    }

    private static RecurringStatus status(String stripeStatus) {
        return switch (stripeStatus) {
            case "active", "trialing" -> RecurringStatus.ACTIVE;
            case "canceled", "incomplete_expired" -> RecurringStatus.CANCELLED;
            default -> RecurringStatus.PAST_DUE;
        };
    }

    private static Money money(long minor, String currency) {
        return new Money(minor, Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
    }

    /** The event's object, even when the account's API version differs from the client's. */
    private static StripeObject object(Event event) {
        var data = event.getDataObjectDeserializer();
        return data.getObject().orElseGet(() -> {
            try {
                return data.deserializeUnsafe();
            } catch (EventDataObjectDeserializationException e) {
                throw new IllegalStateException("Stripe event " + event.getId() + " could not be read", e);
            }
        });
    }
}
