package dev.vaani.conversation.openai;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallbackHours;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.ConversationStage;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the model's tool calls into {@link AgentAction}s. The model writes these arguments, so anything may be
 * wrong with them: a problem becomes an {@link Invalid} with a sentence the model can act on, never an exception.
 */
final class ToolCallInterpreter {

    sealed interface Interpretation {}

    /**
     * @param result   what the model is told, as the tool message
     * @param surprise the result is not what the model asked for (a callback moved into calling hours): it must
     *                 speak again so the caller hears what was actually done
     */
    record Valid(List<AgentAction> actions, String result, boolean surprise) implements Interpretation {

        static final String OK = "{\"ok\":true}";

        Valid(List<AgentAction> actions) {
            this(actions, OK, false);
        }
    }

    record Invalid(String error) implements Interpretation {}

    private static final Logger log = LoggerFactory.getLogger(ToolCallInterpreter.class);

    private final JsonMapper json;
    private final Set<String> fieldKeys;
    /** The script's fields a lead counts as qualified only with, in the script's order. */
    private final List<String> requiredKeys;
    private final LeadDetailsNormaliser normaliser;
    private final ZoneId zone;
    private final CallbackHours callbackHours;
    private final Clock clock;

    ToolCallInterpreter(JsonMapper json, Set<String> fieldKeys, List<String> requiredKeys,
                        LeadDetailsNormaliser normaliser, ZoneId zone, CallbackHours callbackHours, Clock clock) {
        this.json = json;
        this.fieldKeys = fieldKeys;
        this.requiredKeys = List.copyOf(requiredKeys);
        this.normaliser = normaliser;
        this.zone = zone;
        this.callbackHours = callbackHours;
        this.clock = clock;
    }

    /**
     * @param collected what the lead's record holds so far (earlier calls' data and this call's saves, including
     *                  those earlier in the same model reply): end_call qualified needs the required fields in it
     */
    Interpretation interpret(ToolCall call, Map<String, Object> collected) {
        JsonNode args;
        try {
            args = call.arguments().isBlank() ? json.createObjectNode() : json.readTree(call.arguments());
        } catch (Exception e) {
            return new Invalid("The arguments were not valid JSON. Call " + call.name() + " again with a JSON object.");
        }
        if (!args.isObject()) {
            return new Invalid("The arguments must be a JSON object.");
        }
        return switch (call.name()) {
            case LeadTools.SAVE_LEAD_DETAILS -> saveLeadDetails(args);
            case LeadTools.END_CALL -> endCall(args, collected);
            case LeadTools.TRANSFER_TO_HUMAN -> new Valid(List.of(new AgentAction.TransferToHuman(
                    text(args, "reason", "the caller asked for a person"))));
            case LeadTools.SCHEDULE_CALLBACK -> scheduleCallback(args);
            default -> new Invalid("There is no tool named '" + call.name() + "'.");
        };
    }

    private Interpretation saveLeadDetails(JsonNode args) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : fieldKeys) {
            JsonNode value = args.path(key);
            if (value.isNumber()) {
                fields.put(key, value.numberValue());
            } else if (value.isBoolean()) {
                fields.put(key, value.booleanValue());
            } else if (value.isString() && !value.asString("").isBlank()) {
                fields.put(key, value.asString("").strip());
            }
        }
        List<AgentAction> actions = new ArrayList<>(2);
        if (!fields.isEmpty()) {
            actions.add(new AgentAction.SaveLeadDetails(normalise(fields)));
        }
        String stage = text(args, LeadTools.CONVERSATION_STAGE, null);
        if (stage != null) {
            if (!LeadTools.STAGES.contains(stage.toLowerCase(Locale.ROOT))) {
                return new Invalid("conversation_stage must be one of " + LeadTools.STAGES + ".");
            }
            actions.add(new AgentAction.ChangeStage(ConversationStage.valueOf(stage.toUpperCase(Locale.ROOT))));
        }
        if (actions.isEmpty()) {
            return new Invalid("Nothing to save: give at least one of " + fieldKeys + " with what the caller said.");
        }
        return new Valid(actions);
    }

    private Map<String, Object> normalise(Map<String, Object> raw) {
        try {
            Map<String, Object> normalised = normaliser.normalise(raw);
            return normalised == null || normalised.isEmpty() ? raw : normalised;
        } catch (RuntimeException e) {
            log.warn("lead details normaliser failed; keeping raw values", e);
            return raw;
        }
    }

    private Interpretation endCall(JsonNode args, Map<String, Object> collected) {
        String outcome = text(args, "outcome", null);
        if (outcome == null || !LeadTools.OUTCOMES.contains(outcome.toLowerCase(Locale.ROOT))) {
            return new Invalid("outcome must be one of " + LeadTools.OUTCOMES + ".");
        }
        if (CallOutcome.fromCode(outcome) == CallOutcome.QUALIFIED) {
            // as with the scripted agent, a lead is qualified only with every required field known
            List<String> missing = requiredKeys.stream().filter(key -> !known(collected.get(key))).toList();
            if (!missing.isEmpty()) {
                return new Invalid("qualified needs " + String.join(", ", missing)
                        + ": ask for them, or end with incomplete");
            }
        }
        if (CallOutcome.fromCode(outcome) == CallOutcome.TRANSFERRED) {
            // ending as "transferred" without transfer_to_human would hang up on a caller promised a person: it is
            // the hand-over itself, as transfer_to_human would be applied
            return new Valid(List.of(new AgentAction.TransferToHuman(
                    text(args, "summary", "the caller asked for a person"))));
        }
        // only a JSON true counts: do-not-call is never inferred from a malformed or missing argument
        JsonNode doNotCall = args.path(LeadTools.DO_NOT_CALL);
        return new Valid(List.of(new AgentAction.EndCall(CallOutcome.fromCode(outcome), text(args, "summary", ""),
                doNotCall.isBoolean() && doNotCall.booleanValue())));
    }

    private Interpretation scheduleCallback(JsonNode args) {
        String when = text(args, "datetime", null);
        if (when == null) {
            return new Invalid("datetime is required, as an ISO-8601 local date-time like 2025-03-14T18:00:00.");
        }
        OffsetDateTime at;
        try {
            at = parseDateTime(when);
        } catch (DateTimeParseException e) {
            return new Invalid("'" + when + "' is not an ISO-8601 date-time; use a form like 2025-03-14T18:00:00.");
        }
        if (!at.isAfter(OffsetDateTime.now(clock))) {
            return new Invalid("That time has already passed. Ask the caller for a time in the future.");
        }
        // the dialer places the call only inside calling hours: book (and tell the model) the time it will be placed
        OffsetDateTime booked = callbackHours.earliestFrom(at, zone).atZoneSameInstant(zone).toOffsetDateTime();
        var callback = new AgentAction.ScheduleCallback(booked, text(args, "note", ""));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", true);
        result.put("booked_for", callback.collectedValue());
        boolean moved = !booked.isEqual(at);
        if (moved) {
            result.put("note", "We may call only between " + callbackHours.start() + " and " + callbackHours.end()
                    + " (" + callbackHours.zone().getId() + "), so the callback is booked for booked_for, not the time "
                    + "asked. Tell the caller the time booked.");
        }
        return new Valid(List.of(callback), json.writeValueAsString(result), moved);
    }

    /** A local date-time is in the lead's zone; one with an offset is converted to it. */
    private OffsetDateTime parseDateTime(String text) {
        try {
            return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException local) {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone).toOffsetDateTime();
        }
    }

    private static boolean known(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }

    private static String text(JsonNode args, String key, String fallback) {
        JsonNode value = args.path(key);
        return value.isString() && !value.asString("").isBlank() ? value.asString("").strip() : fallback;
    }
}
