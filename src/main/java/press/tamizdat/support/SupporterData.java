package press.tamizdat.support;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import press.tamizdat.platform.SqlTime;

/**
 * What we hold about one supporter, for their own page: their contributions and recurring support;
 * their data to take away; and erasure, which cancels what still renews and then keeps only the
 * amounts, with no one attached, for the accounts.
 */
@Component
public class SupporterData {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SupporterData.class);

    private final JdbcClient db;
    private final Supporters supporters;
    private final SealedEmails emails;
    private final PaymentProviders providers;
    private final Ledger ledger;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SupporterData(
            JdbcClient db,
            Supporters supporters,
            SealedEmails emails,
            PaymentProviders providers,
            Ledger ledger,
            TransactionTemplate transactions,
            Clock clock) {
        this.db = db;
        this.supporters = supporters;
        this.emails = emails;
        this.providers = providers;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record Given(Instant at, Money amount, Frequency frequency, String status, String reference) {}

    public record Recurring(
            long id,
            String provider,
            String providerReference,
            String checkoutReference,
            Frequency frequency,
            Money amount,
            RecurringStatus status,
            @Nullable Instant nextCharge,
            Instant since,
            @Nullable Instant cancelledAt) {

        boolean renews() {
            return status.renews();
        }
    }

    /** A "remind me later" that has not gone yet: when, and the form as the reader left it. */
    public record Reminder(
            Instant due, String language, String frequency, String amount, String currency, Instant askedAt) {}

    /** What support holds about an address: the supporter's record, if they gave, and waiting reminders. */
    public record Held(@Nullable Export supporter, List<Reminder> reminders) {}

    /** What an erasure did. */
    public enum Erasure {
        NOTHING_HELD,
        ERASED,
        /** A provider did not cancel recurring support; nothing was erased, and asking again is safe. */
        PROVIDER_FAILED
    }

    /** Everything held about an address, if anything is. */
    public Optional<Held> heldFor(String email) {
        var supporter = supporters.find(email);
        var reminders = reminders(email);
        if (supporter.isEmpty() && reminders.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Held(supporter.map(this::export).orElse(null), reminders));
    }

    /**
     * Erases an address: a supporter as {@link #erase(long)} does (recurring support cancelled at
     * its provider first), and any reminder waiting for it.
     */
    public Erasure erase(String email) {
        var supporter = supporters.find(email);
        if (supporter.isPresent()) {
            try {
                erase(supporter.get());
            } catch (PaymentProvider.ProviderFailure e) {
                log.warn("Supporter {} could not be erased: a provider did not cancel", supporter.get(), e);
                return Erasure.PROVIDER_FAILED;
            }
        }
        int reminders = db.sql("DELETE FROM reminder WHERE email_index = :index")
                .param("index", emails.index(email))
                .update();
        return supporter.isPresent() || reminders > 0 ? Erasure.ERASED : Erasure.NOTHING_HELD;
    }

    private List<Reminder> reminders(String email) {
        return db.sql("""
                        SELECT due_at, language, frequency, amount, currency, created_at FROM reminder
                        WHERE email_index = :index ORDER BY due_at
                        """)
                .param("index", emails.index(email))
                .query((rs, n) -> new Reminder(
                        rs.getObject("due_at", OffsetDateTime.class).toInstant(),
                        rs.getString("language"),
                        rs.getString("frequency"),
                        rs.getString("amount"),
                        rs.getString("currency"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Everything held, as a supporter downloads it. */
    public record Export(
            String email, List<Given> contributions, List<Recurring> recurringSupport, Instant exportedAt) {}

    List<Given> contributions(long supporter) {
        return db.sql("""
                        SELECT created_at, amount_minor, currency, frequency, status, provider_reference
                        FROM contribution WHERE supporter_id = :id ORDER BY created_at DESC, id DESC
                        """)
                .param("id", supporter)
                .query((rs, n) -> new Given(
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                        Frequency.valueOf(rs.getString("frequency")),
                        rs.getString("status"),
                        rs.getString("provider_reference")))
                .list();
    }

    List<Recurring> recurring(long supporter) {
        return db.sql("""
                        SELECT id, provider, provider_reference, checkout_reference, frequency, amount_minor, currency,
                               status, next_charge_at, created_at, cancelled_at
                        FROM recurring_support WHERE supporter_id = :id ORDER BY created_at DESC, id DESC
                        """)
                .param("id", supporter)
                .query((rs, n) -> new Recurring(
                        rs.getLong("id"),
                        rs.getString("provider"),
                        rs.getString("provider_reference"),
                        rs.getString("checkout_reference"),
                        Frequency.valueOf(rs.getString("frequency")),
                        new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                        RecurringStatus.valueOf(rs.getString("status")),
                        instant(rs.getObject("next_charge_at", OffsetDateTime.class)),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        instant(rs.getObject("cancelled_at", OffsetDateTime.class))))
                .list();
    }

    Export export(long supporter) {
        return new Export(
                supporters.email(supporter).orElse(""),
                contributions(supporter),
                recurring(supporter),
                clock.instant());
    }

    /** Ends recurring support at its provider first, then here; doing it twice is harmless. */
    void cancel(Recurring recurring) throws PaymentProvider.ProviderFailure {
        if (!recurring.renews()) {
            return;
        }
        provider(recurring).cancel(recurring.providerReference());
        ledger.recurringEnded(
                new RecurringSupportId(
                        recurring.provider(), recurring.providerReference(), recurring.checkoutReference()),
                clock.instant());
    }

    /** A new amount from the next renewal on, at the provider first. */
    void change(Recurring recurring, Money amount) throws PaymentProvider.ProviderFailure {
        provider(recurring).change(recurring.providerReference(), recurring.frequency(), amount);
        db.sql("UPDATE recurring_support SET amount_minor = :amount, currency = :currency WHERE id = :id")
                .param("amount", amount.minor())
                .param("currency", amount.currency().getCurrencyCode())
                .param("id", recurring.id())
                .update();
    }

    /**
     * The provider that took this support. One no longer configured is a failure the page reports
     * (nothing is changed here), unless nothing renews there anyway: crypto renews only by the
     * supporter's own payment, so ending it needs no one else.
     */
    private PaymentProvider provider(Recurring recurring) throws PaymentProvider.ProviderFailure {
        var found = providers.find(recurring.provider());
        if (found.isPresent()) {
            return found.get();
        }
        if (recurring.provider().equals(BtcPayProvider.NAME)) {
            return providers.named(BankTransfers.NAME); // cancels and changes nothing elsewhere, like BTCPay
        }
        throw new PaymentProvider.ProviderFailure(
                recurring.provider() + " is no longer configured; the support cannot be ended there from here", null);
    }

    /**
     * Cancels whatever still renews, then forgets the person: their address, name and reminders go;
     * contributions and recurring support stay as amounts with no one attached.
     */
    void erase(long supporter) throws PaymentProvider.ProviderFailure {
        for (var recurring : recurring(supporter)) {
            cancel(recurring);
        }
        forget(supporter);
    }

    private void forget(long supporter) {
        transactions.executeWithoutResult(status -> forgetNow(supporter));
    }

    private void forgetNow(long supporter) {
        supporters
                .email(supporter)
                .ifPresent(email -> db.sql("DELETE FROM reminder WHERE email_index = :index")
                        .param("index", emails.index(email))
                        .update());
        // their checkouts remember that they left, so a provider's late event does not bring them back
        db.sql("""
                        UPDATE checkout SET supporter_erased_at = :now
                        WHERE reference IN (SELECT checkout_reference FROM contribution WHERE supporter_id = :id)
                           OR reference IN (SELECT checkout_reference FROM recurring_support WHERE supporter_id = :id)
                        """)
                .param("now", SqlTime.utc(clock.instant()))
                .param("id", supporter)
                .update();
        db.sql("UPDATE contribution SET supporter_id = NULL, receipt_pending = FALSE WHERE supporter_id = :id")
                .param("id", supporter)
                .update();
        db.sql("UPDATE recurring_support SET supporter_id = NULL WHERE supporter_id = :id")
                .param("id", supporter)
                .update();
        db.sql("DELETE FROM supporter WHERE id = :id").param("id", supporter).update();
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
