package press.tamizdat.newsletter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * A newsletter's delivery slot (a weekday and a time in its zone) as instants. A slot time that
 * falls in a spring-forward gap moves forward by the gap (02:30 becomes 03:30); one that occurs
 * twice in an autumn overlap is taken the first time.
 */
final class Slots {

    private Slots() {}

    /** The first slot strictly after {@code after}. */
    static Instant next(Newsletter newsletter, Instant after) {
        LocalDate date = after.atZone(newsletter.slotZone())
                .toLocalDate()
                .with(TemporalAdjusters.nextOrSame(newsletter.slotDay()));
        ZonedDateTime slot = ZonedDateTime.of(date, newsletter.slotTime(), newsletter.slotZone());
        if (!slot.toInstant().isAfter(after)) {
            slot = ZonedDateTime.of(date.plusWeeks(1), newsletter.slotTime(), newsletter.slotZone());
        }
        return slot.toInstant();
    }
}
