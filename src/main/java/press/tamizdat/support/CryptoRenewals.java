package press.tamizdat.support;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.Notices;
import press.tamizdat.platform.Ids;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/**
 * Recurring support paid in crypto, which has no subscriptions: when a period is due, the
 * supporter is mailed a link (once per period) that opens a fresh invoice for the amount recorded
 * now; paying it is the renewal. Cancelling from "Manage my support" ends the support, and the mails
 * with it. A link for support that has ended opens the contribution form instead.
 */
@Controller
class CryptoRenewals {

    private static final Logger log = LoggerFactory.getLogger(CryptoRenewals.class);
    private static final String LINK = "crypto-renewal";
    /** How long a renewal link works after its period was due. */
    private static final Duration LINK_VALIDITY = Duration.ofDays(60);

    private final JdbcClient db;
    private final ObjectProvider<BtcPayProvider> btcpay;
    private final Checkouts checkouts;
    private final SealedEmails emails;
    private final Notices notices;
    private final SignedTokens tokens;
    private final SiteUrls urls;
    private final Clock clock;
    private final SupportSettings.Discretion discretion;
    private final TamizdatSettings site;

    CryptoRenewals(
            JdbcClient db,
            ObjectProvider<BtcPayProvider> btcpay,
            Checkouts checkouts,
            SealedEmails emails,
            Notices notices,
            SignedTokens tokens,
            SiteUrls urls,
            Clock clock,
            SupportSettings settings,
            TamizdatSettings site) {
        this.discretion = settings.discretion();
        this.site = site;
        this.db = db;
        this.btcpay = btcpay;
        this.checkouts = checkouts;
        this.emails = emails;
        this.notices = notices;
        this.tokens = tokens;
        this.urls = urls;
        this.clock = clock;
    }

    /** Our own id for crypto recurring support started by {@code checkout}. */
    static String reference(String checkout) {
        return "crypto-" + checkout;
    }

    private record Due(long id, String emailSealed, String language, String frequency, OffsetDateTime nextChargeAt) {}

    /** Mails each supporter whose period is due and who was not asked for it yet; the number mailed. */
    int askDue() {
        var due = db.sql("""
                        SELECT r.id, s.email_sealed, COALESCE(c.language, 'en') AS language, r.frequency, r.next_charge_at
                        FROM recurring_support r
                        JOIN supporter s ON s.id = r.supporter_id
                        JOIN checkout c ON c.reference = r.checkout_reference
                        WHERE r.provider = :provider AND r.status <> :cancelled AND r.next_charge_at <= :now
                          AND (r.renewal_asked_for IS NULL OR r.renewal_asked_for < r.next_charge_at)
                        ORDER BY r.next_charge_at FETCH FIRST 500 ROWS ONLY
                        """)
                .param("provider", BtcPayProvider.NAME)
                .param("cancelled", RecurringStatus.CANCELLED.name())
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .query(Due.class)
                .list();
        int asked = 0;
        for (var each : due) {
            String token = tokens.sign(
                    LINK,
                    Long.toString(each.id()),
                    each.nextChargeAt().toInstant().plus(LINK_VALIDITY));
            try {
                notices.sendAs(
                        discretion.receiptName(site.site().name()),
                        discretion.receiptName().isBlank() ? notices.fromName() : discretion.receiptName(),
                        emails.open(each.emailSealed()),
                        Locale.forLanguageTag(each.language()),
                        "support.crypto-renewal."
                                + Frequency.valueOf(each.frequency()).field(),
                        urls.absolute(PublicPaths.SUPPORT_RENEW + "/" + token));
                db.sql("UPDATE recurring_support SET renewal_asked_for = next_charge_at WHERE id = :id")
                        .param("id", each.id())
                        .update();
                asked++;
            } catch (MailFailure e) {
                log.warn("A crypto renewal could not be mailed now; it is tried again on the next run", e);
            }
        }
        return asked;
    }

    @GetMapping(PublicPaths.SUPPORT_RENEW + "/{token}")
    void renew(@PathVariable String token, HttpServletResponse response) throws IOException {
        PersonalLinks.keepPrivate(response);
        var provider = btcpay.getIfAvailable();
        var renewal =
                tokens.verify(LINK, token, clock.instant()).flatMap(Ids::parse).flatMap(this::open);
        if (provider == null || renewal.isEmpty()) {
            response.sendRedirect(PublicPaths.SUPPORT);
            return;
        }
        try {
            response.sendRedirect(
                    provider.invoice(renewal.get().checkout(), renewal.get().period())
                            .toString());
        } catch (PaymentProvider.ProviderFailure e) {
            log.warn("A crypto renewal's invoice could not be made now", e);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }

    private record Renewal(Checkouts.Checkout checkout, int period) {}

    private record Running(String checkoutReference, long amountMinor, String currency, int paid) {}

    /** The support a link names, still running, as a checkout for its current amount and next period. */
    private Optional<Renewal> open(long id) {
        return db.sql("""
                        SELECT r.checkout_reference, r.amount_minor, r.currency,
                               (SELECT COUNT(*) FROM contribution k WHERE k.recurring_id = r.id) AS paid
                        FROM recurring_support r
                        WHERE r.id = :id AND r.provider = :provider AND r.status <> :cancelled
                        """)
                .param("id", id)
                .param("provider", BtcPayProvider.NAME)
                .param("cancelled", RecurringStatus.CANCELLED.name())
                .query(Running.class)
                .optional()
                .flatMap(running -> checkouts
                        .find(running.checkoutReference())
                        .map(c -> new Renewal(
                                new Checkouts.Checkout(
                                        c.reference(),
                                        c.frequency(),
                                        new Money(running.amountMinor(), Currency.getInstance(running.currency())),
                                        c.source(),
                                        c.status(),
                                        c.language(),
                                        c.supporterErased(),
                                        c.provider(),
                                        c.method(),
                                        c.noEmail()),
                                running.paid() + 1)));
    }

    @Configuration(proxyBeanMethods = false)
    static class Job {

        @Bean
        RecurringTask<Void> askCryptoRenewals(@Lazy CryptoRenewals renewals, SupportSettings settings) {
            return Tasks.recurring(
                            "ask-crypto-renewals",
                            FixedDelay.of(settings.btcpay().renewalsEvery()))
                    .execute((instance, context) -> renewals.askDue());
        }
    }
}
