package dev.vaani.campaign;

import dev.vaani.conversation.CallbackHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hours a campaign calls, read in the campaign's time zone. Start is inclusive, end exclusive. A window saved today
 * lies inside TRAI's hours ({@link #allowed}); rows saved before that rule may still cross midnight (21:00–02:00) or
 * have start equal to end (all day), so reading them keeps those meanings and the dialer clamps them with
 * {@link #nextAllowed}.
 */
public record CallingWindow(LocalTime start, LocalTime end) {

    /** TRAI's limits on commercial calls in India, kept in {@link CallbackHours}, where the agent reads them too. */
    public static final LocalTime EARLIEST = CallbackHours.EARLIEST;
    public static final LocalTime LATEST = CallbackHours.LATEST;
    public static final ZoneId INDIA = CallbackHours.INDIA;

    public static final CallingWindow TRAI_HOURS = new CallingWindow(EARLIEST, LATEST);

    /** Days searched for a moment both windows are open before giving up (they overlap daily if at all). */
    private static final Duration SEARCH = Duration.ofDays(8);

    /** A reason a requested window is refused, on its start or its end. */
    public record Refusal(boolean onEnd, String message) {
    }

    /**
     * The one rule for a window an operator asks for (API and console): start before end, both within TRAI's hours,
     * read in the campaign's time zone. Empty when the window is allowed.
     */
    public static List<Refusal> refusals(LocalTime start, LocalTime end) {
        List<Refusal> refusals = new ArrayList<>();
        String why = "; TRAI allows commercial calls only from " + EARLIEST + " to " + LATEST;
        if (start.isBefore(EARLIEST) || start.isAfter(LATEST)) {
            refusals.add(new Refusal(false, "must be between " + EARLIEST + " and " + LATEST + why));
        }
        if (end.isBefore(EARLIEST) || end.isAfter(LATEST)) {
            refusals.add(new Refusal(true, "must be between " + EARLIEST + " and " + LATEST + why));
        } else if (!start.isBefore(end)) {
            refusals.add(new Refusal(true, "must be later than the start (a window cannot cross midnight)"));
        }
        return refusals;
    }

    /** Whether this window reaches outside TRAI's hours (only possible for rows saved before the rule). */
    public boolean beyondTraiHours() {
        return !refusals(start, end).isEmpty();
    }

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

    /**
     * The first moment from {@code from} on when a call may be placed, the one rule for every call: this window open
     * in the campaign's zone, TRAI's hours open in India (whatever the window says), and, when the lead's own zone is
     * known, 09:00–21:00 there too, since the hours protect the person called. Empty when they never all overlap.
     *
     * @param leadZone null when unknown; a lead in India (the column's default) adds nothing to TRAI's hours in India
     */
    public Optional<Instant> nextAllowed(Instant from, ZoneId campaignZone, ZoneId leadZone) {
        List<Open> all = new ArrayList<>(List.of(new Open(this, campaignZone), new Open(TRAI_HOURS, INDIA)));
        if (leadZone != null) {
            all.add(new Open(TRAI_HOURS, leadZone));
        }
        // each step jumps to a window's next opening, skipping only moments that window is closed: the first moment
        // no window moves is the earliest when all are open
        Instant t = from;
        while (t.isBefore(from.plus(SEARCH))) {
            Instant moved = t;
            for (Open open : all) {
                moved = open.window().nextOpening(moved, open.zone());
            }
            if (moved.equals(t)) {
                return Optional.of(t);
            }
            t = moved;
        }
        return Optional.empty();
    }

    /** {@link #nextAllowed(Instant, ZoneId, ZoneId)} for a call to a lead whose zone is unknown. */
    public Optional<Instant> nextAllowed(Instant from, ZoneId campaignZone) {
        return nextAllowed(from, campaignZone, null);
    }

    /**
     * When a call whose policy allows it from {@code from} is scheduled: {@link #nextAllowed}, or {@code from} itself
     * for a stored window that never meets TRAI's hours (the dialer then notes why each time it looks).
     */
    public Instant dueFrom(Instant from, ZoneId campaignZone, ZoneId leadZone) {
        return nextAllowed(from, campaignZone, leadZone).orElse(from);
    }

    private record Open(CallingWindow window, ZoneId zone) {
    }
}
