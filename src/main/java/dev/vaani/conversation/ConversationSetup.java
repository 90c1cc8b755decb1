package dev.vaani.conversation;

import java.util.Map;

/**
 * What the agent knows when a call starts.
 *
 * @param callSid       the call, for logs
 * @param lead          who we are talking to (may have only a phone number)
 * @param script        the campaign script: persona, greeting, qualification fields, language
 * @param collectedData data already collected for this lead (e.g. from an earlier call), snake_case keys
 * @param handOver      what the agent may promise a caller who asks for a person
 * @param callbackHours when a callback can be placed (the campaign's calling hours; TRAI's without a campaign)
 * @param takeOver      where another agent left this call, when this one takes it over mid-call; null for a call
 *                      that starts at the greeting
 */
public record ConversationSetup(String callSid, LeadProfile lead, CampaignScript script,
                                Map<String, Object> collectedData, HandOver handOver, CallbackHours callbackHours,
                                TakeOver takeOver) {

    /**
     * Where the agent that spoke so far left the call: the stage it had reached, the language it was replying in and
     * the outcome it had already decided (a callback it booked; null for none). The agent taking over goes on from
     * there instead of greeting the caller again.
     */
    public record TakeOver(ConversationStage stage, Language language, CallOutcome outcome) {
        public TakeOver {
            stage = stage == null ? ConversationStage.INTRO : stage;
        }
    }

    public ConversationSetup {
        collectedData = collectedData == null ? Map.of() : Map.copyOf(collectedData);
        handOver = handOver == null ? HandOver.CONNECT_NOW : handOver;
        callbackHours = callbackHours == null ? CallbackHours.TRAI : callbackHours;
    }

    public ConversationSetup(String callSid, LeadProfile lead, CampaignScript script, Map<String, Object> collectedData,
                             HandOver handOver, CallbackHours callbackHours) {
        this(callSid, lead, script, collectedData, handOver, callbackHours, null);
    }

    public ConversationSetup(String callSid, LeadProfile lead, CampaignScript script, Map<String, Object> collectedData,
                             HandOver handOver) {
        this(callSid, lead, script, collectedData, handOver, CallbackHours.TRAI);
    }

    /** A call whose caller can be connected to a person on the call (inbound, or through an Exotel flow). */
    public ConversationSetup(String callSid, LeadProfile lead, CampaignScript script, Map<String, Object> collectedData) {
        this(callSid, lead, script, collectedData, HandOver.CONNECT_NOW);
    }

    public ConversationSetup withCollectedData(Map<String, Object> known) {
        return new ConversationSetup(callSid, lead, script, known, handOver, callbackHours, takeOver);
    }

    /**
     * The same call, taken over from an agent that left it at {@code stage}, replying in {@code language}, having
     * decided {@code outcome} (null for none).
     */
    public ConversationSetup takenOverAt(ConversationStage stage, Language language, CallOutcome outcome) {
        return new ConversationSetup(callSid, lead, script, collectedData, handOver, callbackHours,
                new TakeOver(stage, language, outcome));
    }
}
