package dev.vaani.conversation;

import java.util.Map;

/**
 * A snapshot of the conversation for the session store and the call record.
 *
 * @param stage               current stage
 * @param collectedData       qualification data so far, snake_case keys
 * @param escalationRequested the caller asked for a person
 * @param outcome             null until decided
 * @param summary             null until the call ends
 * @param doNotCall           the caller asked never to be called again (the lead goes on do-not-call)
 */
public record ConversationState(ConversationStage stage, Map<String, Object> collectedData,
                                boolean escalationRequested, CallOutcome outcome, String summary, boolean doNotCall) {

    public ConversationState {
        collectedData = collectedData == null ? Map.of() : Map.copyOf(collectedData);
    }
}
