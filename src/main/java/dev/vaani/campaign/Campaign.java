package dev.vaani.campaign;

import dev.vaani.conversation.CampaignScript;
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
        return Dialer.zone(null, timeZone);
    }

    /** The first moment from {@code from} on this campaign may call a lead in leadZone (a stored zone, may be null). */
    Optional<Instant> nextAllowed(Instant from, String leadZone) {
        return window().nextAllowed(from, zone(), Dialer.leadZone(leadZone));
    }

    /** When a call allowed by policy from {@code from} is scheduled ({@link CallingWindow#dueFrom}). */
    Instant dueFrom(Instant from, String leadZone) {
        return window().dueFrom(from, zone(), Dialer.leadZone(leadZone));
    }
}
