package dev.vaani.crm;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;

/**
 * A call as the admin API shows it; transcript and collected data are the stored JSON.
 *
 * @param leadName           the name of the call's lead, null without one
 * @param doNotCallRequested the caller asked never to be called again (the call's lead, if it had one, was put on
 *                           do-not-call)
 */
public record CallView(String callSid, Long leadId, String leadName, Long campaignId, String direction, String status,
                       String fromNumber, String toNumber, OffsetDateTime startedAt, OffsetDateTime answeredAt,
                       OffsetDateTime endedAt, Integer durationSeconds, String recordingUrl, String finalOutcome,
                       String summary, String error, @JsonRawValue String collectedData, @JsonRawValue String transcript,
                       OffsetDateTime createdAt, boolean doNotCallRequested) {

    /**
     * The lead's side of the call, unmasked. We place an outbound call from our ExoPhone to the lead (the dialer
     * records what Exotel's {@code From} dialled as {@code to_number}); an inbound call is from its caller.
     */
    public String otherPartyNumber() {
        return "outbound".equals(direction) ? toNumber : fromNumber;
    }
}
