package dev.vaani.telephony.exotel;

import java.time.Instant;

/**
 * A call as Exotel's call details API reports it. Duration and times settle a few minutes after the call.
 *
 * @param dateCreated when Exotel created the call (null when not reported)
 * @param customField the CustomField we sent when placing it, if Exotel echoes it
 */
public record CallDetails(String callSid, String status, String from, String to, String direction,
                          Instant startTime, Instant endTime, Integer durationSeconds, String price,
                          String recordingUrl, Instant dateCreated, String customField) {
}
