package press.tamizdat.newsletter;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;

/** A newsletter readers can subscribe to, with its sender, its weekly delivery slot and where its links lead. */
public record Newsletter(
        long id,
        String slug,
        String name,
        String description,
        String senderName,
        String senderAddress,
        DayOfWeek slotDay,
        LocalTime slotTime,
        ZoneId slotZone,
        LinkTo linkTo) {}
