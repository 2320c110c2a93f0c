package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The next delivery slot, computed in the newsletter's own zone, also across daylight-saving changes. */
class SlotsTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Newsletter weekly(DayOfWeek day, String time) {
        return new Newsletter(
                1,
                "weekly",
                "The Week",
                "",
                "The Week",
                "news@example.org",
                day,
                LocalTime.parse(time),
                BERLIN,
                LinkTo.SITE,
                press.tamizdat.platform.Language.EN);
    }

    static Instant berlin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), BERLIN)
                .toInstant();
    }

    @Test
    void theNextSlotIsThisWeeksWhenItIsStillAhead() {
        assertThat(Slots.next(weekly(DayOfWeek.FRIDAY, "08:00"), berlin("2026-11-26T12:00")))
                .isEqualTo(berlin("2026-11-27T08:00"));
    }

    @Test
    void aSlotThatHasJustPassedOrIsNowMovesToNextWeek() {
        var newsletter = weekly(DayOfWeek.FRIDAY, "08:00");
        assertThat(Slots.next(newsletter, berlin("2026-11-27T08:00"))).isEqualTo(berlin("2026-12-04T08:00"));
        assertThat(Slots.next(newsletter, berlin("2026-11-27T09:30"))).isEqualTo(berlin("2026-12-04T08:00"));
    }

    @Test
    void keepsTheLocalTimeWhenTheClocksGoBack() {
        // clocks go back on Sunday 25 October 2026: the Friday after is 7 days and 1 hour later
        Instant before = Slots.next(weekly(DayOfWeek.FRIDAY, "08:00"), berlin("2026-10-22T12:00"));
        Instant after = Slots.next(weekly(DayOfWeek.FRIDAY, "08:00"), before);

        assertThat(before).isEqualTo(Instant.parse("2026-10-23T06:00:00Z"));
        assertThat(after).isEqualTo(Instant.parse("2026-10-30T07:00:00Z"));
        assertThat(Duration.between(before, after)).isEqualTo(Duration.ofDays(7).plusHours(1));
    }

    @Test
    void aSlotInTheSpringForwardGapMovesForwardByTheGap() {
        // 29 March 2026, 02:00 becomes 03:00 in Berlin: a 02:30 slot that day goes out at 03:30 CEST
        assertThat(Slots.next(weekly(DayOfWeek.SUNDAY, "02:30"), berlin("2026-03-28T12:00")))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void aSlotInTheAutumnOverlapIsTakenTheFirstTime() {
        // 25 October 2026, 02:30 happens twice in Berlin; the first is 00:30 UTC
        assertThat(Slots.next(weekly(DayOfWeek.SUNDAY, "02:30"), berlin("2026-10-24T12:00")))
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }
}
