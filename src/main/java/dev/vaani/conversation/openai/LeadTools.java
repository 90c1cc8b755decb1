package dev.vaani.conversation.openai;

import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.CampaignScript.QualificationField;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The functions the agent may call, with JSON Schemas built from the campaign's qualification fields. */
public final class LeadTools {

    public static final String SAVE_LEAD_DETAILS = "save_lead_details";
    public static final String END_CALL = "end_call";
    public static final String TRANSFER_TO_HUMAN = "transfer_to_human";
    public static final String SCHEDULE_CALLBACK = "schedule_callback";
    public static final String CONVERSATION_STAGE = "conversation_stage";
    /** end_call's flag for "don't call me again": the lead goes on do-not-call. */
    public static final String DO_NOT_CALL = "do_not_call";

    /** end_call outcomes the model may choose (no_answer, busy, failed are telephony's to decide). */
    public static final List<String> OUTCOMES = List.of(
            "qualified", "not_interested", "callback", "wrong_number", "voicemail", "transferred", "incomplete");
    public static final List<String> STAGES = List.of("intro", "qualification", "objection_handling", "closing");

    /** How to write each well-known field; a campaign's own fields get their question as description. */
    private static final Map<String, String> HINTS = Map.of(
            "property_type", "apartment, villa, plot, independent house, builder floor, row house or commercial, as "
                    + "the caller said",
            "bedrooms", "number of bedrooms (BHK) from 1 to 10, halves included: 2, 3, "
                    + "or 2.5 for 'two and a half BHK' / 'ढाई बीएचके'",
            "location", "area, locality or city, as the caller said, e.g. 'Whitefield, Bangalore'",
            "budget", "budget as the caller said it, e.g. '80L-1Cr', '1.5 crore', 'under 60 lakh'",
            "timeline", "when they plan to buy, e.g. 'within 3 months', 'next year', 'just exploring'",
            "purpose", "self use or investment",
            "financing", "home loan, self funded, or not decided");

    private LeadTools() {}

    public static List<ToolDefinition> definitions(CampaignScript script) {
        return List.of(saveLeadDetails(script), endCall(), transferToHuman(), scheduleCallback());
    }

    /** The keys save_lead_details accepts: the campaign's fields, plus bedrooms whenever property type is asked. */
    public static Set<String> fieldKeys(CampaignScript script) {
        Set<String> keys = new LinkedHashSet<>();
        for (QualificationField field : script.qualificationFields()) {
            keys.add(field.key());
            if (field.key().equals("property_type")) {
                keys.add("bedrooms");
            }
        }
        return keys;
    }

    private static ToolDefinition saveLeadDetails(CampaignScript script) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, String> questions = new LinkedHashMap<>();
        script.qualificationFields().forEach(f -> questions.put(f.key(), f.question()));
        for (String key : fieldKeys(script)) {
            String description = HINTS.getOrDefault(key, questions.getOrDefault(key, key.replace('_', ' ')));
            properties.put(key, key.equals("bedrooms")
                    ? Map.of("type", "number", "minimum", 1, "maximum", 10, "description", description)
                    : Map.of("type", "string", "description", description));
        }
        properties.put(CONVERSATION_STAGE, Map.of("type", "string", "enum", STAGES,
                "description", "the stage the conversation is now in, when it changed"));
        return new ToolDefinition(SAVE_LEAD_DETAILS,
                "Save qualification details as soon as the caller mentions any of them. Include only fields the "
                        + "caller actually gave in this turn; never guess.",
                object(properties, List.of()));
    }

    private static ToolDefinition endCall() {
        return new ToolDefinition(END_CALL,
                "End the call after you have said your closing line or goodbye.",
                object(Map.of(
                        "outcome", Map.of("type", "string", "enum", OUTCOMES, "description", "how the call ended"),
                        "summary", Map.of("type", "string", "description", "one or two sentences for the sales team"),
                        DO_NOT_CALL, Map.of("type", "boolean", "description", "true only when the caller asked "
                                + "never to be called again; not for a plain 'not interested'")),
                        List.of("outcome", "summary")));
    }

    private static ToolDefinition transferToHuman() {
        return new ToolDefinition(TRANSFER_TO_HUMAN,
                "Hand the call to a human sales advisor when the caller asks for a person or has a question you "
                        + "cannot answer from the facts you were given.",
                object(Map.of("reason", Map.of("type", "string", "description", "why, in a few words")),
                        List.of("reason")));
    }

    private static ToolDefinition scheduleCallback() {
        return new ToolDefinition(SCHEDULE_CALLBACK,
                "Book a callback when the caller asks to be called at another time.",
                object(Map.of(
                        "datetime", Map.of("type", "string", "description",
                                "ISO-8601 local date-time in the caller's time zone, e.g. 2025-03-14T18:00:00"),
                        "note", Map.of("type", "string", "description", "anything to remember for the callback")),
                        List.of("datetime")));
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        return Map.of("type", "object", "properties", properties, "required", required);
    }
}
