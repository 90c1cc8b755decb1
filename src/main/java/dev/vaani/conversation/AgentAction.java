package dev.vaani.conversation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Decisions the agent takes during a reply (the LLM's tool calls, or the script's rules). */
public sealed interface AgentAction {

    /** Qualification data heard from the caller, normalised, snake_case keys (property_type, location, budget...). */
    record SaveLeadDetails(Map<String, Object> fields) implements AgentAction {
        public SaveLeadDetails {
            fields = Map.copyOf(fields);
        }
    }

    /** The conversation moved to another stage. */
    record ChangeStage(ConversationStage stage) implements AgentAction {}

    /**
     * End the call after this reply has been heard. {@code doNotCall}: the caller asked never to be called again, which
     * puts a signed lead on do-not-call when the call's end is stored.
     */
    record EndCall(CallOutcome outcome, String summary, boolean doNotCall) implements AgentAction {

        public EndCall(CallOutcome outcome, String summary) {
            this(outcome, summary, false);
        }
    }

    /** The caller wants a person. */
    record TransferToHuman(String reason) implements AgentAction {}

    /**
     * The caller asked to be called back at this time (in the lead's time zone). The conversation keeps it in the
     * call's collected data under {@link #COLLECTED_KEY}, where the dialer reads it when the call ends.
     */
    record ScheduleCallback(OffsetDateTime when, String note) implements AgentAction {

        /** The collected-data key of the time a call back was booked for. */
        public static final String COLLECTED_KEY = "callback_at";

        /** The time as collected data holds it: ISO-8601 with the lead's offset, to the second. */
        public String collectedValue() {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(when.truncatedTo(ChronoUnit.SECONDS));
        }
    }
}
