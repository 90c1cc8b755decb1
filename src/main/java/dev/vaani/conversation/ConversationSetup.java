package dev.vaani.conversation;

import java.util.Map;

/**
 * What the agent knows when a call starts.
 *
 * @param callSid       the call, for logs
 * @param lead          who we are talking to (may have only a phone number)
 * @param script        the campaign script: persona, greeting, qualification fields, language
 * @param collectedData data already collected for this lead (e.g. from an earlier call), snake_case keys
 */
public record ConversationSetup(String callSid, LeadProfile lead, CampaignScript script,
                                Map<String, Object> collectedData) {

    public ConversationSetup {
        collectedData = collectedData == null ? Map.of() : Map.copyOf(collectedData);
    }
}
