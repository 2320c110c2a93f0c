package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.SignedTokens;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * The thank-you page. It fulfils nothing. For a reader who asked for no email it is also where the
 * receipt is: shown once, when the provider's event has recorded the payment (until then the page
 * says so and looks again by itself), with a download that works for an hour; after that the page
 * shows it no more, so a shared browser's history holds no receipt.
 */
@Controller
class ThanksPage {

    private static final String DOWNLOAD = "receipt-download";
    private static final Duration DOWNLOAD_VALIDITY = Duration.ofHours(1);

    private final Checkouts checkouts;
    private final JdbcClient db;
    private final SignedTokens tokens;
    private final UiFactory uis;
    private final TamizdatSettings settings;
    private final Clock clock;
    private final SupportSettings.Discretion discretion;

    ThanksPage(
            Checkouts checkouts,
            JdbcClient db,
            SignedTokens tokens,
            UiFactory uis,
            TamizdatSettings settings,
            Clock clock,
            SupportSettings support) {
        this.discretion = support.discretion();
        this.checkouts = checkouts;
        this.db = db;
        this.tokens = tokens;
        this.uis = uis;
        this.settings = settings;
        this.clock = clock;
    }

    /** The receipt as the page shows it and the download carries it. */
    record Receipt(String amount, String frequency, String date, String reference, String download) {}

    /** {@code state}: {@code none} (a plain thank-you), {@code confirming}, {@code shown} or {@code gone}. */
    record ThanksView(String state, @Nullable Receipt receipt) {}

    private record Paid(
            long amountMinor, String currency, String frequency, String providerReference, OffsetDateTime createdAt) {}

    @GetMapping(PublicPaths.SUPPORT_THANKS)
    String thanks(
            @RequestParam(defaultValue = "") String checkout,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        model.addAttribute("ui", ui);
        var found = checkout.isBlank() ? Optional.<Checkouts.Checkout>empty() : checkouts.find(checkout);
        if (found.isEmpty() || !found.get().noEmail()) {
            model.addAttribute("page", new ThanksView("none", null));
            return "support/thanks";
        }
        PersonalLinks.keepPrivate(response);
        var paid = paid(checkout);
        if (paid.isEmpty()) {
            // crypto may take an hour to confirm: the page keeps saying so until the payment is recorded
            boolean ended = found.get().status() != CheckoutStatus.STARTED;
            model.addAttribute("page", new ThanksView(ended ? "none" : "confirming", null));
            return "support/thanks";
        }
        if ("HEAD".equals(request.getMethod())) {
            // a look without a reader (a link checker) does not use up the one showing
            model.addAttribute("page", new ThanksView("none", null));
            return "support/thanks";
        }
        boolean first = db.sql("""
                                UPDATE checkout SET receipt_shown_at = :now
                                WHERE reference = :reference AND receipt_shown_at IS NULL
                                """)
                        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                        .param("reference", checkout)
                        .update()
                == 1;
        if (!first) {
            model.addAttribute("page", new ThanksView("gone", null));
            return "support/thanks";
        }
        String token = tokens.sign(DOWNLOAD, checkout, clock.instant().plus(DOWNLOAD_VALIDITY));
        model.addAttribute("page", new ThanksView("shown", receipt(paid.get(), ui.locale(), token)));
        return "support/thanks";
    }

    /** The receipt as a text file, for an hour after it was shown. */
    @GetMapping(PublicPaths.SUPPORT_RECEIPT + "/{token}")
    void download(@PathVariable String token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        PersonalLinks.keepPrivate(response);
        Ui ui = uis.forRequest(request);
        var paid = tokens.verify(DOWNLOAD, token, clock.instant()).flatMap(this::paid);
        if (paid.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        var receipt = receipt(paid.get(), ui.locale(), token);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("receipt-" + receipt.reference() + ".txt", StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.getWriter()
                .write(ui.text(
                        "support.thanks.receipt.file",
                        discretion.receiptName(settings.site().name()),
                        receipt.amount(),
                        receipt.frequency(),
                        receipt.date(),
                        receipt.reference()));
    }

    private Optional<Paid> paid(String checkout) {
        return db.sql("""
                        SELECT amount_minor, currency, frequency, provider_reference, created_at FROM contribution
                        WHERE checkout_reference = :checkout ORDER BY id FETCH FIRST 1 ROWS ONLY
                        """).param("checkout", checkout).query(Paid.class).optional();
    }

    private Receipt receipt(Paid paid, Locale locale, String token) {
        var ui = locale;
        return new Receipt(
                new Money(paid.amountMinor(), Currency.getInstance(paid.currency())).format(ui),
                paid.frequency().toLowerCase(Locale.ROOT),
                DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(ui)
                        .format(paid.createdAt()
                                .atZoneSameInstant(settings.site().zone())),
                paid.providerReference(),
                PublicPaths.SUPPORT_RECEIPT + "/" + token);
    }
}
