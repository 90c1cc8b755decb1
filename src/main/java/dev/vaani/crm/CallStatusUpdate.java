package dev.vaani.crm;

import java.time.Instant;
import java.util.Set;

/**
 * What one status callback says about a call; fields it does not carry are null.
 *
 * @param status         initiated, ringing, in-progress, completed, failed, busy, no-answer or canceled
 * @param answeredAt     when the lead picked up, if this callback says so
 * @param endedAt        when the call ended, for terminal callbacks
 * @param durationSeconds seconds both parties were connected (Exotel's ConversationDuration)
 */
public record CallStatusUpdate(String callSid, String status, Instant answeredAt, Instant endedAt,
                               Integer durationSeconds, String recordingUrl) {

    public static final Set<String> TERMINAL = Set.of("completed", "failed", "busy", "no-answer", "canceled");

    public boolean terminal() {
        return TERMINAL.contains(status);
    }

    /** The business outcome of a call that never connected, as stored in final_outcome; null otherwise. */
    public String unansweredOutcome() {
        return switch (status == null ? "" : status) {
            case "busy" -> "busy";
            case "no-answer" -> "no_answer";
            case "failed", "canceled" -> "failed";
            default -> null;
        };
    }
}
