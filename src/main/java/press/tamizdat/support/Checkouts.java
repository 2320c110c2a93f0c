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
import org.springframework.transaction.annotation.Transactional;

/**
 * Checkouts from Continue to their outcome. A checkout ends once: completing it records the
 * contribution, and completing it again (a provider's event delivered twice) changes nothing.
 * States: {@code STARTED} → {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}.
 */
@Service
class Checkouts {

    /** Where a reader started from: the banner, the appeal under an article, or the support page. */
    static final Set<String> SOURCES = Set.of("banner", "appeal", "support");

    private final JdbcClient db;
    private final PaymentProvider provider;
    private final Clock clock;

    Checkouts(JdbcClient db, PaymentProvider provider, Clock clock) {
        this.db = db;
        this.provider = provider;
        this.clock = clock;
    }

    record Checkout(String reference, Frequency frequency, Money amount, String source, String status) {}

    /** Opens a checkout for a checked request; the reader goes to {@link #payAt}. */
    Checkout start(ContributionForm.Request request, String source) {
        var checkout = new Checkout(
                UUID.randomUUID().toString(),
                request.frequency(),
                request.amount(),
                SOURCES.contains(source) ? source : "support",
                "STARTED");
        db.sql("""
                        INSERT INTO checkout (reference, frequency, amount_minor, currency, provider, source, status, created_at)
                        VALUES (:reference, :frequency, :amount, :currency, :provider, :source, 'STARTED', :now)
                        """)
                .param("reference", checkout.reference())
                .param("frequency", checkout.frequency().name())
                .param("amount", checkout.amount().minor())
                .param("currency", checkout.amount().currency().getCurrencyCode())
                .param("provider", provider.name())
                .param("source", checkout.source())
                .param("now", now())
                .update();
        return checkout;
    }

    /** Where the reader pays for a checkout. */
    java.net.URI payAt(Checkout checkout) {
        return provider.start(checkout);
    }

    Optional<Checkout> find(String reference) {
        return db.sql("""
                        SELECT reference, frequency, amount_minor, currency, source, status FROM checkout
                        WHERE reference = :reference
                        """)
                .param("reference", reference)
                .query((rs, n) -> new Checkout(
                        rs.getString("reference"),
                        Frequency.valueOf(rs.getString("frequency")),
                        new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                        rs.getString("source"),
                        rs.getString("status")))
                .optional();
    }

    /**
     * The provider took the money: the checkout is completed and its contribution recorded, once,
     * however often this is called. True if this call completed it.
     */
    @Transactional
    boolean completed(String reference, String providerReference) {
        if (!end(reference, "COMPLETED")) {
            return false;
        }
        var checkout = find(reference).orElseThrow();
        db.sql("""
                        INSERT INTO contribution (checkout_reference, frequency, amount_minor, currency, provider,
                                                  provider_reference, source, status, created_at)
                        VALUES (:reference, :frequency, :amount, :currency, :provider, :providerReference, :source, 'PAID', :now)
                        """)
                .param("reference", reference)
                .param("frequency", checkout.frequency().name())
                .param("amount", checkout.amount().minor())
                .param("currency", checkout.amount().currency().getCurrencyCode())
                .param("provider", provider.name())
                .param("providerReference", providerReference)
                .param("source", checkout.source())
                .param("now", now())
                .update();
        return true;
    }

    /** The payment was refused; nothing is recorded but the checkout's end. */
    boolean failed(String reference) {
        return end(reference, "FAILED");
    }

    /** The reader turned back at the provider. */
    boolean cancelled(String reference) {
        return end(reference, "CANCELLED");
    }

    private boolean end(String reference, String status) {
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
