package dev.vaani.crm;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
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
                       String summary, String error,
                       // stored JSON written as it is: the API description must say what it is, not "string", or a
                       // client generated from it expects text and fails on the object or array
                       @Schema(types = "object", description = "What the lead said on the call, by question")
                       @JsonRawValue String collectedData,
                       @Schema(types = "array", description = "The call's lines in order")
                       @ArraySchema(schema = @Schema(types = "object", description = "A line: speaker (ai or user),"
                               + " text, timestamp (ISO-8601 instant), interrupted (true when the caller cut a bot line"
                               + " short; left out otherwise)"))
                       @JsonRawValue String transcript,
                       OffsetDateTime createdAt, boolean doNotCallRequested) {

    /**
     * The lead's side of the call, unmasked. We place an outbound call from our ExoPhone to the lead (the dialer
     * records what Exotel's {@code From} dialled as {@code to_number}); an inbound call is from its caller.
     */
    public String otherPartyNumber() {
        return "outbound".equals(direction) ? toNumber : fromNumber;
    }
}
