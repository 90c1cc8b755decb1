package dev.vaani.campaign;

import dev.vaani.conversation.CampaignScript;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A campaign as the admin API shows it. status: draft, active, paused, stopped, completed. pausedReason: why the dialer
 * paused it by itself (Exotel refused the account, {@link AccountRefusals}); null when an operator paused it or it runs.
 */
public record Campaign(long id, String name, String language, CampaignScript script, List<String> qualificationFields,
                       LocalTime callingWindowStart, LocalTime callingWindowEnd, String timeZone,
                       int maxConcurrentCalls, int retryMaxAttempts, int retryIntervalMinutes, boolean recordCalls,
                       String status, String pausedReason) {

    public CallingWindow window() {
        return new CallingWindow(callingWindowStart, callingWindowEnd);
    }

    /** The hours a callback the lead asks for on a call is booked within, as the call's agent reads them. */
    dev.vaani.conversation.CallbackHours callbackHours() {
        return new dev.vaani.conversation.CallbackHours(callingWindowStart, callingWindowEnd, zone());
    }

    /** The zone the window is read in; Asia/Kolkata for a stored zone Java no longer knows. */
    ZoneId zone() {
        return zone(timeZone);
    }

    /** A campaign's stored zone; Asia/Kolkata for one Java no longer knows. */
    static ZoneId zone(String stored) {
        ZoneId known = knownZone(stored);
        return known != null ? known : CallingWindow.INDIA;
    }

    /** The zone a lead's local times (a callback's "at 5") are read in: the lead's stored one, else the campaign's. */
    ZoneId zoneForLead(String leadZone) {
        ZoneId lead = knownZone(leadZone);
        return lead != null ? lead : zone();
    }

    /** The first moment from {@code from} on this campaign may call a lead in leadZone (a stored zone, may be null). */
    Optional<Instant> nextAllowed(Instant from, String leadZone) {
        return window().nextAllowed(from, zone(), knownZone(leadZone));
    }

    /** When a call allowed by policy from {@code from} is scheduled ({@link CallingWindow#dueFrom}). */
    Instant dueFrom(Instant from, String leadZone) {
        return window().dueFrom(from, zone(), knownZone(leadZone));
    }

    /** A stored zone, or null when there is none Java knows (then only the campaign's zone and India's apply). */
    private static ZoneId knownZone(String stored) {
        try {
            return stored == null || stored.isBlank() ? null : ZoneId.of(stored);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
