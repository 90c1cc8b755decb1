package dev.vaani.conversation;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a call back to the lead can be placed: the campaign's calling hours in its time zone, TRAI's hours in India,
 * and 09:00–21:00 in the lead's own zone. The agent books and promises a callback inside them, so a lead who asks at
 * 20:45 for "after two hours" hears "tomorrow at 9", the time the dialer will place it, not "at 10:45 tonight". The
 * dialer's rule is {@code CallingWindow.nextAllowed} (campaign, which this package may not see); a test holds the two
 * to the same answers. TRAI's limits are kept here, the one place for them.
 */
public record CallbackHours(LocalTime start, LocalTime end, ZoneId zone) {

    /*
     * TRAI (Telecom Commercial Communications Customer Preference Regulations) forbids commercial calls to consumers
     * in India between 21:00 and 09:00 Indian time.
     */
    public static final LocalTime EARLIEST = LocalTime.of(9, 0);
    public static final LocalTime LATEST = LocalTime.of(21, 0);
    public static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    /** A call without a campaign window (inbound, or the campaign could not be read): TRAI's hours. */
    public static final CallbackHours TRAI = new CallbackHours(EARLIEST, LATEST, INDIA);

    public CallbackHours {
        zone = zone == null ? INDIA : zone;
        // a row saved before windows were checked (crossing midnight, all day) is called within TRAI's hours only
        if (start == null || end == null || !start.isBefore(end) || start.isBefore(EARLIEST) || end.isAfter(LATEST)) {
            start = EARLIEST;
            end = LATEST;
        }
    }

    /**
     * {@code asked} if a call to a lead in {@code leadZone} may be placed then, else the first moment it may. Each
     * step moves to a window's next opening; the first moment no window moves is when all are open.
     */
    public OffsetDateTime earliestFrom(OffsetDateTime asked, ZoneId leadZone) {
        OffsetDateTime at = asked;
        for (int step = 0; step < 32; step++) {
            OffsetDateTime moved = openAt(EARLIEST, LATEST, leadZone == null ? INDIA : leadZone,
                    openAt(EARLIEST, LATEST, INDIA, openAt(start, end, zone, at)));
            if (moved.equals(at)) {
                return at;
            }
            at = moved;
        }
        return asked; // the windows never meet (a lead far from India): the dialer notes it; promise what was asked
    }

    private static OffsetDateTime openAt(LocalTime start, LocalTime end, ZoneId zone, OffsetDateTime at) {
        ZonedDateTime local = at.atZoneSameInstant(zone);
        LocalTime time = local.toLocalTime();
        if (!time.isBefore(start) && time.isBefore(end)) {
            return at;
        }
        LocalDate day = time.isBefore(start) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return day.atTime(start).atZone(zone).toOffsetDateTime().withOffsetSameInstant(at.getOffset());
    }
}
