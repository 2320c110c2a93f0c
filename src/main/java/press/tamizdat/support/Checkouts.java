package press.tamizdat.support;

import jakarta.annotation.PreDestroy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;
import press.tamizdat.platform.GroupCommit;
import press.tamizdat.web.PublicPaths;

/**
 * Checkouts from Continue to their outcome. A checkout ends once; what it brought in is kept by
 * {@link Ledger}.
 * Its states and their moves are {@link CheckoutStatus}'s.
 */
@Service
class Checkouts {

    /** Where a reader started from: the banner, the appeal under an article, the support page, or a reminder. */
    static final Set<String> SOURCES = Set.of("banner", "appeal", "support", "reminder");

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final GroupCommit<Started> starts;
    private final SecureRandom random = new SecureRandom();

    Checkouts(JdbcClient db, JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.db = db;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.starts = new GroupCommit<>("checkout-starts", this::insert, 256, Duration.ZERO);
    }

    record Checkout(
            String reference,
            Frequency frequency,
            Money amount,
            String source,
            CheckoutStatus status,
            String language,
            boolean supporterErased,
            String provider,
            PaymentMethod method,
            boolean noEmail) {

        /** The contribution form's fields as this checkout filled them, so a reader need not type them twice. */
        /** Where the reader goes after paying: the thank-you page, which shows the receipt once when no email is wanted. */
        String thanks() {
            return noEmail ? PublicPaths.SUPPORT_THANKS + "?checkout=" + reference : PublicPaths.SUPPORT_THANKS;
        }

        String formQuery() {
            return Checkouts.formQuery(
                    frequency.field(), amount.plain(), amount.currency().getCurrencyCode());
        }
    }

    /** The contribution form's fields as a query string ({@code frequency=…&custom=…&currency=…}). */
    static String formQuery(String frequency, String custom, String currency) {
        return UriComponentsBuilder.newInstance()
                .queryParam("frequency", frequency)
                .queryParam("custom", custom)
                .queryParam("currency", currency)
                .encode()
                .build()
                .getQuery();
    }

    /**
     * Opens a checkout for a checked request; the reader goes to the provider of the way to pay they chose. Starts from many
     * readers at once are written together (group commit): one commit each was most of the work
     * of a start, and the guard against card testing must not be the slowest part of the site.
     */
    Checkout start(
            ContributionForm.Request request,
            String source,
            String language,
            PaymentProviders.Choice choice,
            boolean noEmail) {
        var checkout = new Checkout(
                reference(),
                request.frequency(),
                request.amount(),
                SOURCES.contains(source) ? source : "support",
                CheckoutStatus.STARTED,
                language,
                false,
                choice.provider().name(),
                choice.method(),
                noEmail);
        starts.submit(new Started(checkout, now())).join();
        return checkout;
    }

    /**
     * A new checkout's reference: a version 7 UUID, the time in milliseconds and then 74 random
     * bits. It is as hard to guess as a random one, and new references sort last, so a group of
     * starts adds to the end of the index instead of to pages all over it.
     */
    private String reference() {
        long time = clock.millis();
        long high = (time << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private record Started(Checkout checkout, OffsetDateTime at) {}

    private void insert(List<Started> started) {
        transactions.executeWithoutResult(status -> jdbc.batchUpdate("""
                INSERT INTO checkout (reference, frequency, amount_minor, currency, provider, method, source, status,
                                      language, no_email, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, started, started.size(), (statement, row) -> {
            var checkout = row.checkout();
            statement.setString(1, checkout.reference());
            statement.setString(2, checkout.frequency().name());
            statement.setLong(3, checkout.amount().minor());
            statement.setString(4, checkout.amount().currency().getCurrencyCode());
            statement.setString(5, checkout.provider());
            statement.setString(6, checkout.method().field());
            statement.setString(7, checkout.source());
            statement.setString(8, checkout.status().name());
            statement.setString(9, checkout.language());
            statement.setBoolean(10, checkout.noEmail());
            statement.setObject(11, row.at());
        }));
    }

    @PreDestroy
    void close() {
        starts.close();
    }

    /**
     * The checkout, held until the caller's transaction ends: whatever a provider reports about one
     * checkout (its payment, its recurring support's renewals, changes and end) is recorded one
     * report at a time, however many arrive at once.
     */
    Optional<Checkout> lock(String reference) {
        return find(reference, " FOR UPDATE");
    }

    Optional<Checkout> find(String reference) {
        return find(reference, "");
    }

    private Optional<Checkout> find(String reference, String lock) {
        return db.sql("""
                        SELECT reference, frequency, amount_minor, currency, source, status, language,
                               supporter_erased_at, provider, method, no_email
                        FROM checkout
                        WHERE reference = :reference
                        """ + lock)
                .param("reference", reference)
                .query((rs, n) -> new Checkout(
                        rs.getString("reference"),
                        Frequency.valueOf(rs.getString("frequency")),
                        new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                        rs.getString("source"),
                        CheckoutStatus.valueOf(rs.getString("status")),
                        java.util.Objects.requireNonNullElse(rs.getString("language"), "en"),
                        rs.getObject("supporter_erased_at") != null,
                        rs.getString("provider"),
                        PaymentMethod.parse(java.util.Objects.requireNonNullElse(rs.getString("method"), ""))
                                .orElse(PaymentMethod.CARD),
                        rs.getBoolean("no_email")))
                .optional();
    }

    /** The payment was refused; nothing is recorded but the checkout's end. */
    boolean failed(String reference) {
        return end(reference, CheckoutStatus.FAILED);
    }

    /** The reader turned back at the provider. */
    boolean cancelled(String reference) {
        return end(reference, CheckoutStatus.CANCELLED);
    }

    /** Ends a started checkout; false if it had ended already. */
    boolean end(String reference, CheckoutStatus status) {
        return db.sql("""
                                UPDATE checkout SET status = :status, ended_at = :now
                                WHERE reference = :reference AND status = :started
                                """)
                        .param("status", CheckoutStatus.STARTED.to(status).name())
                        .param("started", CheckoutStatus.STARTED.name())
                        .param("now", now())
                        .param("reference", reference)
                        .update()
                == 1;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
