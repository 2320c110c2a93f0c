package press.tamizdat.support;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.iban4j.BicUtil;
import org.iban4j.Iban4jException;
import org.iban4j.IbanUtil;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import press.tamizdat.web.PublicPaths;

/**
 * Bank transfers, which need no payment service: per currency, the account an admin entered; a
 * reader who chooses it gets the account and a short reference of their own to quote, and the
 * contribution waits, pledged, until a staff member marks the transfer received (then it is in the
 * ledger like any other) or the pledge expires. Monthly and annual support by standing order is
 * marked received once per transfer.
 *
 * <p>Longer than our other classes on purpose: a pledge's whole life (the account shown, the
 * reference, the transfer marked received, the lapse) is one provider, as the other rails are one
 * class each; its page and its desk are their own classes.
 */
@Component
class BankTransfers implements PaymentProvider {

    static final String NAME = "bank";
    /** Crockford's base-32 letters: no I, L, O or U to misread when typing a reference into a bank's form. */
    private static final char[] LETTERS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final JdbcClient db;
    private final Checkouts checkouts;
    private final Ledger ledger;
    private final SealedEmails emails;
    private final ApplicationEventPublisher events;
    private final Duration validity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    BankTransfers(
            JdbcClient db,
            Checkouts checkouts,
            Ledger ledger,
            SealedEmails emails,
            ApplicationEventPublisher events,
            SupportSettings settings,
            Clock clock) {
        this.db = db;
        this.checkouts = checkouts;
        this.ledger = ledger;
        this.emails = emails;
        this.events = events;
        this.validity = settings.bank().pledgeValidity();
        this.clock = clock;
    }

    /** An account to transfer to. */
    record Account(String currency, String holder, String iban, String bic, String bank) {

        /** The IBAN in groups of four, as banks print it. */
        String ibanPrinted() {
            return iban.replaceAll("(.{4})(?!$)", "$1 ");
        }
    }

    /** A pledge: its checkout, the reference to quote, when it lapses, and transfers received so far. */
    record Pledge(Checkouts.Checkout checkout, String code, Instant expires, int payments, boolean emailGiven) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(PaymentMethod.BANK);
    }

    @Override
    public boolean service() {
        return false;
    }

    @Override
    public boolean takes(Currency currency) {
        return account(currency.getCurrencyCode()).isPresent();
    }

    /** The pledge is made here; the reader's "provider page" is ours, with the account and their reference. */
    @Override
    public URI start(Checkouts.Checkout checkout) throws ProviderFailure {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                db.sql("""
                                INSERT INTO bank_pledge (checkout_reference, code, payments, created_at)
                                VALUES (:checkout, :code, 0, :now)
                                """)
                        .param("checkout", checkout.reference())
                        .param("code", code())
                        .param("now", time(clock.instant()))
                        .update();
                return URI.create(PublicPaths.SUPPORT_BANK + "/" + checkout.reference());
            } catch (DuplicateKeyException e) {
                // another pledge drew the same reference (one in a trillion): draw again
            }
        }
        throw new ProviderFailure("No free bank transfer reference for " + checkout.reference(), null);
    }

    /** A standing order is the supporter's to stop at their bank; ending it here is all we can do. */
    @Override
    public void cancel(String recurringReference) {}

    @Override
    public void change(String recurringReference, Frequency frequency, Money amount) {}

    /** "TZ-" and eight letters: 40 random bits, short enough to type, checked unique by the table. */
    private String code() {
        var code = new StringBuilder("TZ-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        return code.toString();
    }

    private record Known(List<Account> accounts, Instant readAt) {}

    /** The accounts as last read: every form and every checkout start asks, and they seldom change. */
    private volatile @Nullable Known known;

    /**
     * The accounts, read again when ten seconds old (another node may have changed them) or when
     * this node changed them: the form and every checkout start ask, so a query each time was a
     * database round trip on the hottest path a reader takes.
     */
    List<Account> accounts() {
        var last = known;
        Instant now = clock.instant();
        if (last != null && last.readAt().plusSeconds(10).isAfter(now)) {
            return last.accounts();
        }
        var read = db.sql("SELECT currency, holder, iban, bic, bank_name FROM bank_account ORDER BY currency")
                .query((rs, n) -> new Account(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        known = new Known(List.copyOf(read), now);
        return read;
    }

    Optional<Account> account(String currency) {
        return accounts().stream().filter(a -> a.currency().equals(currency)).findFirst();
    }

    /**
     * The problems with an account as typed (message keys with their argument), none when it can be
     * saved: a currency we know, a holder and a bank named, a valid IBAN and BIC.
     */
    static List<String> problems(Account account) {
        var problems = new ArrayList<String>();
        try {
            Currency.getInstance(account.currency());
        } catch (IllegalArgumentException e) {
            problems.add("bank.problem.currency");
        }
        if (account.holder().isBlank() || account.holder().length() > 140) {
            problems.add("bank.problem.holder");
        }
        if (account.bank().isBlank() || account.bank().length() > 140) {
            problems.add("bank.problem.bank");
        }
        try {
            IbanUtil.validate(account.iban());
        } catch (Iban4jException | IllegalArgumentException e) {
            problems.add("bank.problem.iban");
        }
        try {
            BicUtil.validate(account.bic());
        } catch (Iban4jException | IllegalArgumentException e) {
            problems.add("bank.problem.bic");
        }
        return problems;
    }

    /** The account as typed, tidied: capitals, no spaces in IBAN and BIC. */
    static Account tidy(String currency, String holder, String iban, String bic, String bank) {
        return new Account(
                currency.strip().toUpperCase(Locale.ROOT),
                holder.strip(),
                iban.replaceAll("\\s", "").toUpperCase(Locale.ROOT),
                bic.replaceAll("\\s", "").toUpperCase(Locale.ROOT),
                bank.strip());
    }

    /** Saves a checked account for its currency; the contribution form offers transfers in it from now on. */
    @Transactional
    void save(Account account) {
        db.sql("DELETE FROM bank_account WHERE currency = :currency")
                .param("currency", account.currency())
                .update();
        db.sql("""
                        INSERT INTO bank_account (currency, holder, iban, bic, bank_name, updated_at)
                        VALUES (:currency, :holder, :iban, :bic, :bank, :now)
                        """)
                .param("currency", account.currency())
                .param("holder", account.holder())
                .param("iban", account.iban())
                .param("bic", account.bic())
                .param("bank", account.bank())
                .param("now", time(clock.instant()))
                .update();
        forgetAccounts();
        events.publishEvent(new CampaignChanged());
    }

    /** Reads the accounts afresh next time, and again once this transaction has committed. */
    private void forgetAccounts() {
        known = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    known = null;
                }
            });
        }
    }

    @Transactional
    void remove(String currency) {
        db.sql("DELETE FROM bank_account WHERE currency = :currency")
                .param("currency", currency)
                .update();
        forgetAccounts();
        events.publishEvent(new CampaignChanged());
    }

    Optional<Pledge> pledge(String checkoutReference) {
        return db.sql("SELECT code, email_sealed, payments, created_at FROM bank_pledge WHERE checkout_reference = :c")
                .param("c", checkoutReference)
                .query((rs, n) -> new Object[] {
                    rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class)
                })
                .optional()
                .flatMap(row -> checkouts
                        .find(checkoutReference)
                        .map(checkout -> new Pledge(
                                checkout,
                                (String) row[0],
                                ((OffsetDateTime) row[3]).toInstant().plus(validity),
                                (Integer) row[2],
                                row[1] != null)));
    }

    /** Keeps the address a reader gave for the receipt, sealed; an ended pledge keeps none. */
    boolean remember(String checkoutReference, String email) {
        return db.sql("""
                                UPDATE bank_pledge SET email_sealed = :sealed
                                WHERE checkout_reference = :c
                                  AND EXISTS (SELECT 1 FROM checkout WHERE reference = :c AND status = 'STARTED'
                                                AND (no_email IS NULL OR NOT no_email))
                                """)
                        .param("sealed", emails.seal(email))
                        .param("c", checkoutReference)
                        .update()
                == 1;
    }

    /** Pledges still waiting, newest first, and standing orders that have paid at least once. */
    List<Pledge> open() {
        return db.sql("""
                        SELECT p.checkout_reference FROM bank_pledge p JOIN checkout c ON c.reference = p.checkout_reference
                        LEFT JOIN recurring_support r ON r.provider = 'bank' AND r.checkout_reference = p.checkout_reference
                        WHERE c.status = 'STARTED' OR (r.id IS NOT NULL AND r.status <> 'CANCELLED')
                        ORDER BY p.created_at DESC FETCH FIRST 200 ROWS ONLY
                        """).query(String.class).list().stream()
                .flatMap(reference -> pledge(reference).stream())
                .toList();
    }

    /**
     * A staff member saw the transfer for {@code code} arrive: a one-time gift, or the next payment
     * of support by standing order. False when no open pledge has that reference.
     */
    @Transactional
    boolean received(String typed) {
        return received(typed, null);
    }

    /**
     * As {@link #received(String)}, when the staff member saw {@code seen} transfers received so far:
     * if another was marked since (a second click, a colleague), nothing more is recorded.
     */
    @Transactional
    boolean received(String typed, @Nullable Integer seen) {
        String code = typed.strip().toUpperCase(Locale.ROOT);
        var found = db.sql(
                        "SELECT checkout_reference, email_sealed, payments FROM bank_pledge WHERE code = :code FOR UPDATE")
                .param("code", code)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})
                .optional();
        if (found.isEmpty()) {
            return false;
        }
        String reference = (String) found.get()[0];
        @Nullable String email = found.get()[1] == null ? null : emails.open((String) found.get()[1]);
        int payment = (Integer) found.get()[2] + 1;
        if (seen != null && seen != payment - 1) {
            return false;
        }
        var checkout = checkouts.find(reference).orElseThrow();
        boolean running = checkout.status() == CheckoutStatus.STARTED
                || (checkout.frequency() != Frequency.ONCE && checkout.status() == CheckoutStatus.COMPLETED);
        if (!running || (checkout.frequency() == Frequency.ONCE && payment > 1)) {
            return false;
        }
        Instant now = clock.instant();
        String paymentReference = code + "-" + payment;
        if (checkout.frequency() == Frequency.ONCE) {
            ledger.checkoutPaid(
                    NAME, reference, email, new Ledger.Payment(paymentReference, null, checkout.amount()), null, now);
        } else {
            var id = new RecurringSupportId(NAME, "bank-" + code, reference);
            if (payment == 1) {
                ledger.checkoutPaid(NAME, reference, email, null, id.reference(), now);
            }
            var next = now.atOffset(ZoneOffset.UTC)
                    .plus(checkout.frequency() == Frequency.ANNUAL ? Period.ofYears(1) : Period.ofMonths(1))
                    .toInstant();
            ledger.recurringPaid(
                    id, new Ledger.Payment(paymentReference, null, checkout.amount()), payment == 1, email, next, now);
        }
        // the supporter holds the address from now on; the pledge keeps none
        db.sql("UPDATE bank_pledge SET payments = :payments, email_sealed = NULL WHERE code = :code")
                .param("payments", payment)
                .param("code", code)
                .update();
        return true;
    }

    /** Ends the pledges nobody paid within their time; their addresses go with them. */
    int expire() {
        var lapsed = db.sql("""
                        SELECT p.checkout_reference FROM bank_pledge p JOIN checkout c ON c.reference = p.checkout_reference
                        WHERE c.status = 'STARTED' AND p.created_at < :before
                        """)
                .param("before", time(clock.instant().minus(validity)))
                .query(String.class)
                .list();
        for (String reference : lapsed) {
            checkouts.end(reference, CheckoutStatus.CANCELLED);
            db.sql("UPDATE bank_pledge SET email_sealed = NULL WHERE checkout_reference = :c")
                    .param("c", reference)
                    .update();
        }
        return lapsed.size();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Configuration(proxyBeanMethods = false)
    static class Job {

        @Bean
        RecurringTask<Void> expireBankPledges(@Lazy BankTransfers transfers) {
            return Tasks.recurring("expire-bank-pledges", FixedDelay.of(Duration.ofHours(1)))
                    .execute((instance, context) -> transfers.expire());
        }
    }
}
