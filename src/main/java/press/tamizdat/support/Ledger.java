package press.tamizdat.support;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What payment providers tell us, in our own words, whichever provider it is: a checkout was paid,
 * recurring support was paid, failed, changed or ended, a charge was refunded. Every call may come
 * twice and in any order (providers retry, and do not promise an order): payments are kept by the
 * provider's id for them, a recurring support's state changes only for news newer than what set
 * it, an ended one stays ended, and a refund that arrives first waits for its payment.
 *
 * <p>Longer than our other classes on purpose: every provider's news passes through these few
 * methods so that the rules above (once per event, newer news only, ended stays ended, a refund
 * waits for its payment) are written and read in one place; a split would spread one set of rules
 * over several classes.
 */
@Service
class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    /** A payment: the provider's id for it, the id of the charge a refund would name, the amount. */
    record Payment(String reference, @Nullable String chargeReference, Money amount) {}

    private final JdbcClient db;
    private final Checkouts checkouts;
    private final Supporters supporters;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Ledger(JdbcClient db, Checkouts checkouts, Supporters supporters, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.checkouts = checkouts;
        this.supporters = supporters;
        this.events = events;
        this.clock = clock;
    }

    /**
     * True the first time a provider's event id is seen. Called inside the transaction that acts on
     * the event, so an event whose handling fails is not remembered and is acted on when it comes again.
     */
    boolean firstDelivery(String provider, String eventId) {
        return db.sql("""
                                INSERT INTO payment_event (provider, event_id, received_at) VALUES (:provider, :id, :now)
                                ON CONFLICT DO NOTHING
                                """)
                        .param("provider", provider)
                        .param("id", eventId)
                        .param("now", time(clock.instant()))
                        .update()
                == 1;
    }

    /**
     * The reader finished paying for a checkout: for a one-time gift, {@code payment} is the money;
     * for recurring support, {@code recurringReference} is the provider's id for it and its
     * payments come as {@link #recurringPaid}. The address is the supporter's.
     */
    @Transactional
    void checkoutPaid(
            String provider,
            String checkoutReference,
            @Nullable String email,
            @Nullable Payment payment,
            @Nullable String recurringReference,
            Instant at) {
        var checkout = checkouts.lock(checkoutReference);
        if (checkout.isEmpty()) {
            log.warn("A {} payment names checkout {}, which we did not start; left alone", provider, checkoutReference);
            return;
        }
        checkouts.end(checkoutReference, CheckoutStatus.COMPLETED);
        @Nullable
        Long supporter =
                addressOf(checkout.get(), email).map(supporters::ensure).orElse(null);
        if (recurringReference != null) {
            attach(
                    recurring(
                            new RecurringSupportId(provider, recurringReference, checkoutReference),
                            checkout.get(),
                            at),
                    supporter);
        }
        if (payment != null) {
            record(provider, checkout.get(), payment, null, "ONCE", supporter);
        }
        if (supporter != null) {
            // payments that came before the address (a renewal's event ahead of the checkout's)
            List<Long> waiting = db.sql("""
                            SELECT id FROM contribution
                            WHERE checkout_reference = :checkout AND supporter_id IS NULL AND receipt_pending
                            """)
                    .param("checkout", checkoutReference)
                    .query(Long.class)
                    .list();
            db.sql(
                            "UPDATE contribution SET supporter_id = :supporter WHERE checkout_reference = :checkout AND supporter_id IS NULL")
                    .param("supporter", supporter)
                    .param("checkout", checkoutReference)
                    .update();
            waiting.forEach(this::receipt);
        }
    }

    /**
     * The supporter's address as a provider's event gives it, unless the reader asked for no email
     * (then no address is kept at all) or the supporter of this checkout erased their data: a late
     * event (a renewal, a second "completed") must not bring it back.
     */
    private static Optional<String> addressOf(Checkouts.Checkout checkout, @Nullable String email) {
        return email == null || email.isBlank() || checkout.supporterErased() || checkout.noEmail()
                ? Optional.empty()
                : Optional.of(email);
    }

    /** A payment of recurring support: its first ({@code first}) or a renewal. */
    @Transactional
    void recurringPaid(
            RecurringSupportId id,
            Payment payment,
            boolean first,
            @Nullable String email,
            @Nullable Instant nextCharge,
            Instant at) {
        paid(id, payment, first, email, nextCharge, at);
    }

    /**
     * A payment of recurring support from a provider that does not say whether it is the first: it
     * is, when none of this support's payments has reached us before.
     */
    @Transactional
    void recurringPaid(
            RecurringSupportId id, Payment payment, @Nullable String email, @Nullable Instant nextCharge, Instant at) {
        paid(id, payment, null, email, nextCharge, at);
    }

    private void paid(
            RecurringSupportId id,
            Payment payment,
            @Nullable Boolean told,
            @Nullable String email,
            @Nullable Instant nextCharge,
            Instant at) {
        var checkout = checkouts.lock(id.checkout());
        if (checkout.isEmpty()) {
            log.warn(
                    "A {} renewal names checkout {}, which we did not start; left alone", id.provider(), id.checkout());
            return;
        }
        long recurring = recurring(id, checkout.get(), at);
        boolean first = told != null
                ? told
                : db.sql("""
                                        SELECT COUNT(*) FROM contribution
                                        WHERE recurring_id = :recurring AND provider_reference <> :payment
                                        """)
                                .param("recurring", recurring)
                                .param("payment", payment.reference())
                                .query(Integer.class)
                                .single()
                        == 0;
        if (first) {
            checkouts.end(id.checkout(), CheckoutStatus.COMPLETED);
        }
        @Nullable
        Long supporter = attach(
                recurring,
                addressOf(checkout.get(), email).map(supporters::ensure).orElse(null));
        state(recurring, RecurringStatus.ACTIVE, at);
        if (nextCharge != null) {
            db.sql("UPDATE recurring_support SET next_charge_at = :next WHERE id = :id AND status <> :cancelled")
                    .param("cancelled", RecurringStatus.CANCELLED.name())
                    .param("next", time(nextCharge))
                    .param("id", recurring)
                    .update();
        }
        record(id.provider(), checkout.get(), payment, recurring, first ? "FIRST" : "RENEWAL", supporter);
    }

    /** A renewal's charge was refused; the provider will try again, or end the support. */
    @Transactional
    void recurringFailed(RecurringSupportId id, Instant at) {
        checkouts.lock(id.checkout()).ifPresent(checkout -> {
            long recurring = recurring(id, checkout, at);
            state(recurring, RecurringStatus.PAST_DUE, at);
        });
    }

    /** The provider's view of recurring support now: its status, amount and next charge. */
    @Transactional
    void recurringChanged(
            RecurringSupportId id,
            RecurringStatus status,
            @Nullable Money amount,
            @Nullable Instant nextCharge,
            Instant at) {
        checkouts.lock(id.checkout()).ifPresent(checkout -> {
            long recurring = recurring(id, checkout, at);
            if (status == RecurringStatus.CANCELLED) {
                end(recurring, at);
                return;
            }
            if (state(recurring, status, at)) {
                db.sql("""
                                UPDATE recurring_support
                                SET amount_minor = COALESCE(:amount, amount_minor),
                                    currency = COALESCE(:currency, currency),
                                    next_charge_at = COALESCE(:next, next_charge_at)
                                WHERE id = :id
                                """)
                        .param("amount", amount == null ? null : amount.minor())
                        .param(
                                "currency",
                                amount == null ? null : amount.currency().getCurrencyCode())
                        .param("next", nextCharge == null ? null : time(nextCharge))
                        .param("id", recurring)
                        .update();
            }
        });
    }

    /** Recurring support ended, at the provider or by the supporter; it does not start again. */
    @Transactional
    void recurringEnded(RecurringSupportId id, Instant at) {
        checkouts.lock(id.checkout()).ifPresent(checkout -> end(recurring(id, checkout, at), at));
    }

    /** A charge was refunded, before or after its payment reached us. */
    @Transactional
    void refunded(String provider, String chargeReference, Instant at) {
        lockCharge(provider, chargeReference);
        db.sql("""
                        INSERT INTO refund (provider, charge_reference, refunded_at) VALUES (:provider, :charge, :at)
                        ON CONFLICT DO NOTHING
                        """)
                .param("provider", provider)
                .param("charge", chargeReference)
                .param("at", time(at))
                .update();
        db.sql("""
                        UPDATE contribution SET status = 'REFUNDED'
                        WHERE provider = :provider AND charge_reference = :charge
                        """).param("provider", provider).param("charge", chargeReference).update();
    }

    /**
     * Makes {@code supporter} the recurring support's supporter if it has none yet; the supporter
     * it has after that (none while no address has come).
     */
    private @Nullable Long attach(long recurring, @Nullable Long supporter) {
        if (supporter != null) {
            db.sql("UPDATE recurring_support SET supporter_id = :supporter WHERE id = :id AND supporter_id IS NULL")
                    .param("supporter", supporter)
                    .param("id", recurring)
                    .update();
        }
        return db.sql("SELECT supporter_id FROM recurring_support WHERE id = :id")
                .param("id", recurring)
                .query((rs, n) -> rs.getObject(1) == null ? null : rs.getLong(1))
                .optional()
                .orElse(null);
    }

    /** Recurring support by the provider's id, made from its checkout the first time it is named. */
    private long recurring(RecurringSupportId id, Checkouts.Checkout checkout, Instant at) {
        db.sql("""
                        INSERT INTO recurring_support (provider, provider_reference, checkout_reference, frequency,
                                                       amount_minor, currency, source, status, state_at, created_at)
                        VALUES (:provider, :reference, :checkout, :frequency, :amount, :currency, :source, :active,
                                :at, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .param("provider", id.provider())
                .param("reference", id.reference())
                .param("checkout", checkout.reference())
                .param("frequency", checkout.frequency().name())
                .param("amount", checkout.amount().minor())
                .param("currency", checkout.amount().currency().getCurrencyCode())
                .param("source", checkout.source())
                .param("active", RecurringStatus.ACTIVE.name())
                .param("at", time(Instant.EPOCH))
                .param("now", time(at))
                .update();
        return db.sql("SELECT id FROM recurring_support WHERE provider = :provider AND provider_reference = :reference")
                .param("provider", id.provider())
                .param("reference", id.reference())
                .query(Long.class)
                .single();
    }

    /**
     * Sets the status if this news is newer than what set the current one, from any state that may
     * move to it ({@link RecurringStatus#next}); an ended one stays ended.
     */
    private boolean state(long recurring, RecurringStatus status, Instant at) {
        var from = java.util.Arrays.stream(RecurringStatus.values())
                .filter(state -> state == status || state.next().contains(status))
                .map(RecurringStatus::name)
                .toList();
        return db.sql("""
                                UPDATE recurring_support SET status = :status, state_at = :at
                                WHERE id = :id AND status IN (:from) AND state_at <= :at
                                """)
                        .param("status", status.name())
                        .param("from", from)
                        .param("at", time(at))
                        .param("id", recurring)
                        .update()
                == 1;
    }

    private void end(long recurring, Instant at) {
        db.sql("""
                        UPDATE recurring_support SET status = :cancelled, state_at = :at, cancelled_at = :at,
                                                     next_charge_at = NULL
                        WHERE id = :id AND status <> :cancelled
                        """)
                .param("cancelled", RecurringStatus.CANCELLED.name())
                .param("at", time(at))
                .param("id", recurring)
                .update();
    }

    /** Keeps a payment once; its receipt goes out when we know whom to send it to. */
    private void record(
            String provider,
            Checkouts.Checkout checkout,
            Payment payment,
            @Nullable Long recurring,
            String kind,
            @Nullable Long supporter) {
        if (payment.chargeReference() != null) {
            lockCharge(provider, payment.chargeReference());
        }
        boolean refunded = payment.chargeReference() != null
                && db.sql("SELECT COUNT(*) FROM refund WHERE provider = :provider AND charge_reference = :charge")
                                .param("provider", provider)
                                .param("charge", payment.chargeReference())
                                .query(Integer.class)
                                .single()
                        > 0;
        int inserted = db.sql("""
                        INSERT INTO contribution (checkout_reference, frequency, amount_minor, currency, provider,
                                                  provider_reference, charge_reference, source, status, kind,
                                                  recurring_id, supporter_id, receipt_pending, created_at)
                        VALUES (:checkout, :frequency, :amount, :currency, :provider, :reference, :charge, :source,
                                :status, :kind, :recurring, :supporter, TRUE, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .param("checkout", checkout.reference())
                .param("frequency", checkout.frequency().name())
                .param("amount", payment.amount().minor())
                .param("currency", payment.amount().currency().getCurrencyCode())
                .param("provider", provider)
                .param("reference", payment.reference())
                .param("charge", payment.chargeReference())
                .param("source", checkout.source())
                .param("status", refunded ? "REFUNDED" : "PAID")
                .param("kind", kind)
                .param("recurring", recurring)
                .param("supporter", supporter)
                .param("now", time(clock.instant()))
                .update();
        if (inserted == 1 && supporter != null) {
            db.sql("SELECT id FROM contribution WHERE provider = :provider AND provider_reference = :reference")
                    .param("provider", provider)
                    .param("reference", payment.reference())
                    .query(Long.class)
                    .optional()
                    .ifPresent(this::receipt);
        }
    }

    /**
     * Holds a charge until this transaction ends: a payment and its refund, told at the same moment,
     * are recorded one after the other. (Everything about one checkout is held by its row.)
     */
    private void lockCharge(String provider, String chargeReference) {
        String key = provider + ":" + chargeReference;
        db.sql("INSERT INTO ledger_lock (lock_key) VALUES (:key) ON CONFLICT DO NOTHING")
                .param("key", key)
                .update();
        db.sql("SELECT lock_key FROM ledger_lock WHERE lock_key = :key FOR UPDATE")
                .param("key", key)
                .query(String.class)
                .single();
    }

    private void receipt(long contribution) {
        db.sql("UPDATE contribution SET receipt_pending = FALSE WHERE id = :id")
                .param("id", contribution)
                .update();
        events.publishEvent(new ContributionReceived(contribution));
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
