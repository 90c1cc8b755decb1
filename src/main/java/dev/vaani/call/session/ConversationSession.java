package dev.vaani.call.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The live state of one call, stored as JSON at {@code session:{call_sid}} with the sketch's snake_case field names.
 * Audio is never part of it: audio stays in the call's memory.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationSession(
        @JsonProperty("call_sid") String callSid,
        @JsonProperty("lead_id") Long leadId,
        @JsonProperty("lead_name") String leadName,
        @JsonProperty("lead_phone") String leadPhone,
        @JsonProperty("property_type") String propertyType,
        @JsonProperty("location") String location,
        @JsonProperty("budget") String budget,
        @JsonProperty("source") String source,
        @JsonProperty("conversation_stage") String conversationStage,
        @JsonProperty("is_bot_speaking") boolean isBotSpeaking,
        @JsonProperty("waiting_for_response") boolean waitingForResponse,
        @JsonProperty("should_stop_speaking") boolean shouldStopSpeaking,
        @JsonProperty("transcript_history") List<TranscriptLine> transcriptHistory,
        @JsonProperty("collected_data") Map<String, Object> collectedData,
        @JsonProperty("escalation_requested") boolean escalationRequested,
        @JsonProperty("final_outcome") String finalOutcome,
        @JsonProperty("do_not_call_requested") boolean doNotCallRequested,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_interaction_time") String lastInteractionTime) {

    public ConversationSession {
        transcriptHistory = transcriptHistory == null ? List.of() : List.copyOf(transcriptHistory);
        collectedData = collectedData == null ? Map.of() : collectedData;
    }

    /** A new session at call start. */
    public static ConversationSession start(String callSid, Long leadId, String leadName, String leadPhone,
                                            String source, String now) {
        return new ConversationSession(callSid, leadId, leadName, leadPhone, null, null, null, source, "INTRO",
                false, false, false, List.of(), Map.of(), false, null, false, now, now);
    }

    public static String key(String callSid) {
        return "session:" + callSid;
    }
}
