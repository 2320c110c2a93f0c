package press.tamizdat.newsletter;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import press.tamizdat.platform.Language;

/**
 * A newsletter readers can subscribe to, with its sender, its weekly delivery slot, where its links
 * lead, and the language edition it belongs to.
 */
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
        LinkTo linkTo,
        Language language) {}
