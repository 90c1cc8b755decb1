package dev.vaani.campaign;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours a lead may be called, in the lead's own time zone (TRAI: 09:00–21:00 for India). The window may cross
 * midnight (21:00–02:00); start equal to end means all day. Start is inclusive, end exclusive.
 */
public record CallingWindow(LocalTime start, LocalTime end) {

    public static final CallingWindow TRAI_DEFAULT = new CallingWindow(LocalTime.of(9, 0), LocalTime.of(21, 0));

    public boolean isOpen(Instant now, ZoneId zone) {
        if (start.equals(end)) {
            return true;
        }
        LocalTime local = now.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** now when the window is open, else the next moment it opens (DST gaps resolve forward). */
    public Instant nextOpening(Instant now, ZoneId zone) {
        if (isOpen(now, zone)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(start).atZone(zone);
        return (today.isAfter(local) ? today : local.toLocalDate().plusDays(1).atTime(start).atZone(zone)).toInstant();
    }
}
