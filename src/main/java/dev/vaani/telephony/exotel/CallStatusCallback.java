package dev.vaani.telephony.exotel;

import dev.vaani.crm.CallStatusUpdate;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Exotel's status callback fields (JSON or form, any key case) into a {@link CallStatusUpdate}. CallSid and
 * Status are stored and logged, so a callback whose CallSid is no Exotel sid, or whose Status is no word, is refused
 * ({@link ExotelIdentifiers}).
 */
final class CallStatusCallback {

    private CallStatusCallback() {
    }

    /** @throws IllegalArgumentException naming what is missing */
    static CallStatusUpdate parse(Map<String, String> fields) {
        String callSid = get(fields, "CallSid");
        if (callSid == null) {
            throw new IllegalArgumentException("CallSid is missing");
        }
        if (!ExotelIdentifiers.isIdentifier(callSid)) {
            throw new IllegalArgumentException("CallSid is not an Exotel call sid");
        }
        String eventType = lower(get(fields, "EventType"));
        String status = normalisedStatus(get(fields, "Status"));
        if ("answered".equals(eventType) && (status == null || !CallStatusUpdate.TERMINAL.contains(status))) {
            status = "in-progress";
        }
        if (status == null) {
            throw new IllegalArgumentException("Status is missing");
        }
        // an unknown word changes nothing (it ranks lowest); what is no word at all is refused
        if (!ExotelIdentifiers.isIdentifier(status)) {
            throw new IllegalArgumentException("Status is not a call status");
        }
        Instant dateUpdated = ExotelTimes.parse(get(fields, "DateUpdated"));
        Instant startTime = ExotelTimes.parse(get(fields, "StartTime"));
        Instant endTime = ExotelTimes.parse(get(fields, "EndTime"));
        Integer duration = integer(get(fields, "ConversationDuration"));
        Instant answeredAt = null;
        if (status.equals("in-progress")) {
            // DateUpdated is when this event happened, the answer; StartTime is when Exotel began the call (equal to
            // DateCreated in exotel.md's call details), before the phone rang
            answeredAt = dateUpdated != null ? dateUpdated : startTime;
        } else if (status.equals("completed") && duration != null && duration > 0) {
            // A completed callback may be the first we hear of the answer (answered event lost).
            Instant end = endTime != null ? endTime : dateUpdated;
            answeredAt = end != null ? end.minusSeconds(duration) : startTime;
        }
        boolean terminal = CallStatusUpdate.TERMINAL.contains(status);
        Instant endedAt = terminal ? (endTime != null ? endTime : dateUpdated) : null;
        if (terminal && duration == null && status.equals("completed") && answeredAt != null && endedAt != null) {
            duration = (int) Math.max(0, endedAt.getEpochSecond() - answeredAt.getEpochSecond());
        }
        String recordingUrl = get(fields, "RecordingUrl");
        return new CallStatusUpdate(callSid, status, answeredAt, endedAt, duration, recordingUrl);
    }

    /** A status as Exotel may write it ("No_Answer", "noanswer", "cancelled") in our words; null stays null. */
    static String normalisedStatus(String status) {
        String lower = lower(status);
        return lower == null ? null
                : lower.replace('_', '-').replace("noanswer", "no-answer").replace("cancelled", "canceled");
    }

    static String get(Map<String, String> fields, String name) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                String value = e.getValue();
                return value == null || value.isBlank() || value.equalsIgnoreCase("null") ? null : value.strip();
            }
        }
        return null;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return (int) Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
