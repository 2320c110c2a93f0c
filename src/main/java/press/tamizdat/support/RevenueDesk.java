package press.tamizdat.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.newsroom.AuditLog;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.web.Ui;
import press.tamizdat.web.UiFactory;

/**
 * Revenue in the newsroom, for admins: a chart drawn here as SVG (no script, no third party), the
 * figures behind it in a table, monthly recurring revenue, churn, where contributions started, and
 * a CSV of every contribution for the accounts.
 */
@Controller
class RevenueDesk {

    static final int CHART_WIDTH = 720;
    static final int CHART_HEIGHT = 200;

    private final Revenue revenue;
    private final CurrentStaff staff;
    private final UiFactory uis;
    private final TamizdatSettings settings;
    private final Clock clock;

    private final AuditLog audit;

    RevenueDesk(
            Revenue revenue,
            CurrentStaff staff,
            UiFactory uis,
            TamizdatSettings settings,
            Clock clock,
            AuditLog audit) {
        this.audit = audit;
        this.revenue = revenue;
        this.staff = staff;
        this.uis = uis;
        this.settings = settings;
        this.clock = clock;
    }

    /** One bar: one-time money stacked under recurring money, in SVG units. */
    record Bar(int x, int width, int onceY, int onceHeight, int recurringY, int recurringHeight, String title) {}

    record RowView(
            String period, String once, String recurring, String total, int payments, int started, int cancelled) {}

    record SourceView(String source, int contributions) {}

    record ProviderView(String provider, String amount, long payments) {}

    record NoteView(String when, String provider, String kind, String reference, String checkout) {}

    record RevenueView(
            String period,
            List<String> periods,
            String currency,
            List<String> currencies,
            List<Bar> bars,
            int chartWidth,
            int chartHeight,
            String chartLabel,
            String highest,
            List<RowView> rows,
            String monthlyRecurring,
            int activeRecurring,
            int cancelled,
            String churn,
            List<SourceView> sources,
            List<ProviderView> providers,
            List<NoteView> notes) {}

    @GetMapping("/newsroom/revenue")
    String show(
            @RequestParam(defaultValue = "month") String by,
            @RequestParam(defaultValue = "") String currency,
            HttpServletRequest request,
            Model model) {
        staff.requireAtLeast(Role.ADMIN);
        Ui ui = uis.forRequest(request);
        var period = List.of(Revenue.Period.values()).stream()
                .filter(p -> p.name().equalsIgnoreCase(by))
                .findFirst()
                .orElse(Revenue.Period.MONTH);
        var currencies = revenue.currencies();
        var chosen = currencies.stream()
                .filter(c -> c.getCurrencyCode().equalsIgnoreCase(currency))
                .findFirst()
                .orElse(currencies.isEmpty() ? Currency.getInstance("USD") : currencies.getFirst());
        var report = revenue.report(period, chosen, settings.site().zone(), clock.instant());
        var dates = period == Revenue.Period.MONTH
                ? DateTimeFormatter.ofPattern("LLL yyyy", ui.locale())
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(ui.locale());
        long highest = Math.max(
                1, report.rows().stream().mapToLong(Revenue.Row::total).max().orElse(1));
        int slot = CHART_WIDTH / report.rows().size();
        var bars = new ArrayList<Bar>();
        var rows = new ArrayList<RowView>();
        for (int i = 0; i < report.rows().size(); i++) {
            var row = report.rows().get(i);
            int onceHeight = (int) Math.round((double) row.once() / highest * CHART_HEIGHT);
            int recurringHeight = (int) Math.round((double) row.recurring() / highest * CHART_HEIGHT);
            String label = dates.format(row.start());
            bars.add(new Bar(
                    i * slot + 1,
                    Math.max(1, slot - 2),
                    CHART_HEIGHT - onceHeight,
                    onceHeight,
                    CHART_HEIGHT - onceHeight - recurringHeight,
                    recurringHeight,
                    label + ": " + money(row.total(), chosen, ui)));
            rows.add(new RowView(
                    label,
                    money(row.once(), chosen, ui),
                    money(row.recurring(), chosen, ui),
                    money(row.total(), chosen, ui),
                    row.payments(),
                    row.started(),
                    row.cancelled()));
        }
        model.addAttribute("ui", ui);
        model.addAttribute(
                "page",
                new RevenueView(
                        period.name().toLowerCase(Locale.ROOT),
                        List.of("day", "week", "month"),
                        chosen.getCurrencyCode(),
                        currencies.stream().map(Currency::getCurrencyCode).toList(),
                        List.copyOf(bars),
                        CHART_WIDTH,
                        CHART_HEIGHT,
                        ui.text("revenue.chart", chosen.getCurrencyCode()),
                        money(highest, chosen, ui),
                        List.copyOf(rows.reversed()),
                        money(report.monthlyRecurring(), chosen, ui),
                        report.activeRecurring(),
                        report.cancelledLast30Days(),
                        String.format(ui.locale(), "%.1f %%", report.churn() * 100),
                        report.sources().entrySet().stream()
                                .map(e -> new SourceView(e.getKey(), e.getValue()))
                                .toList(),
                        report.providers().entrySet().stream()
                                .map(e -> new ProviderView(
                                        e.getKey(), money(e.getValue()[0], chosen, ui), e.getValue()[1]))
                                .toList(),
                        report.notes().stream()
                                .map(note -> new NoteView(
                                        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                                                .withLocale(ui.locale())
                                                .format(note.at()
                                                        .atZone(settings.site().zone())),
                                        note.provider(),
                                        note.kind(),
                                        note.reference(),
                                        note.checkout() == null ? "" : note.checkout()))
                                .toList()));
        return "support/revenue";
    }

    @GetMapping("/newsroom/revenue.csv")
    void csv(HttpServletResponse response) throws IOException {
        staff.requireAtLeast(Role.ADMIN);
        audit.record("revenue-exported", null);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("contributions.csv")
                        .build()
                        .toString());
        revenue.csv(response.getWriter());
    }

    private static String money(long minor, Currency currency, Ui ui) {
        return new Money(minor, currency).format(ui.locale());
    }
}
