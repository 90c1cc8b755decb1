package dev.vaani.telephony.exotel;

import dev.vaani.crm.CallStatusUpdate;
import java.time.Instant;
import java.util.Optional;

/**
 * A call as Exotel's call details API reports it. Duration and times settle a few minutes after the call.
 *
 * @param dateCreated when Exotel created the call (null when not reported)
 * @param customField the CustomField we sent when placing it, if Exotel echoes it
 */
public record CallDetails(String callSid, String status, String from, String to, String direction,
                          Instant startTime, Instant endTime, Integer durationSeconds, String price,
                          String recordingUrl, Instant dateCreated, String customField) {

    /**
     * What a terminal status callback would have said of the call; empty while it is not over. The status is read as
     * a callback's is ({@code no_answer}, {@code cancelled}). Only a completed call was answered: StartTime is when
     * Exotel began the call, so a busy or unanswered one has no answer time.
     *
     * @param endedIfUnknown the end to record while Exotel has not filled EndTime in (may be null)
     */
    public Optional<CallStatusUpdate> terminalUpdate(Instant endedIfUnknown) {
        String normal = CallStatusCallback.normalisedStatus(status);
        if (normal == null || !CallStatusUpdate.TERMINAL.contains(normal)) {
            return Optional.empty();
        }
        return Optional.of(new CallStatusUpdate(callSid, normal, normal.equals("completed") ? startTime : null,
                endTime != null ? endTime : endedIfUnknown, durationSeconds, recordingUrl));
    }
}
