package press.tamizdat.support;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Checkouts from Continue to their outcome. A checkout ends once; what it brought in is kept by
 * {@link Ledger}.
 * States: {@code STARTED} → {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}.
 */
@Service
class Checkouts {

    /** Where a reader started from: the banner, the appeal under an article, the support page, or a reminder. */
    static final Set<String> SOURCES = Set.of("banner", "appeal", "support", "reminder");

    private final JdbcClient db;
    private final PaymentProviders providers;
    private final Clock clock;

    Checkouts(JdbcClient db, PaymentProviders providers, Clock clock) {
        this.db = db;
        this.providers = providers;
        this.clock = clock;
    }

    record Checkout(
            String reference, Frequency frequency, Money amount, String source, String status, String language) {}

    /** Opens a checkout for a checked request; the reader goes to {@link #payAt}. */
    Checkout start(ContributionForm.Request request, String source, String language) {
        var checkout = new Checkout(
                UUID.randomUUID().toString(),
                request.frequency(),
                request.amount(),
                SOURCES.contains(source) ? source : "support",
                "STARTED",
                language);
        db.sql("""
                        INSERT INTO checkout (reference, frequency, amount_minor, currency, provider, source, status, language,
                                              created_at)
                        VALUES (:reference, :frequency, :amount, :currency, :provider, :source, 'STARTED', :language,
                                :now)
                        """)
                .param("reference", checkout.reference())
                .param("frequency", checkout.frequency().name())
                .param("amount", checkout.amount().minor())
                .param("currency", checkout.amount().currency().getCurrencyCode())
                .param("provider", providers.offered().name())
                .param("source", checkout.source())
                .param("language", language)
                .param("now", now())
                .update();
        return checkout;
    }

    /** Where the reader pays for a checkout. */
    java.net.URI payAt(Checkout checkout) throws PaymentProvider.ProviderFailure {
        return providers.offered().start(checkout);
    }

    Optional<Checkout> find(String reference) {
        return db.sql("""
                        SELECT reference, frequency, amount_minor, currency, source, status, language FROM checkout
                        WHERE reference = :reference
                        """)
                .param("reference", reference)
                .query((rs, n) -> new Checkout(
                        rs.getString("reference"),
                        Frequency.valueOf(rs.getString("frequency")),
                        new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                        rs.getString("source"),
                        rs.getString("status"),
                        java.util.Objects.requireNonNullElse(rs.getString("language"), "en")))
                .optional();
    }

    /** The payment was refused; nothing is recorded but the checkout's end. */
    boolean failed(String reference) {
        return end(reference, "FAILED");
    }

    /** The reader turned back at the provider. */
    boolean cancelled(String reference) {
        return end(reference, "CANCELLED");
    }

    /** Ends a started checkout; false if it had ended already. */
    boolean end(String reference, String status) {
        return db.sql("""
                                UPDATE checkout SET status = :status, ended_at = :now
                                WHERE reference = :reference AND status = 'STARTED'
                                """)
                        .param("status", status)
                        .param("now", now())
                        .param("reference", reference)
                        .update()
                == 1;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
