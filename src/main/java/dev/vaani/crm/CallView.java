package dev.vaani.crm;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;

/** A call as the admin API shows it; transcript and collected data are the stored JSON. */
public record CallView(String callSid, Long leadId, Long campaignId, String direction, String status,
                       String fromNumber, String toNumber, OffsetDateTime startedAt, OffsetDateTime answeredAt,
                       OffsetDateTime endedAt, Integer durationSeconds, String recordingUrl, String finalOutcome,
                       String summary, String error, @JsonRawValue String collectedData, @JsonRawValue String transcript,
                       OffsetDateTime createdAt) {
}
