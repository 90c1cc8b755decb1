package dev.vaani.call;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.qualification.Bedrooms;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a call heard, copied onto its lead when the call ends (or its orphaned row is closed). The lead's own fields (property type, location, budget… from the broker's import, the API or an earlier call)
 * are the broker's record: a call fills one only while it is empty, and never replaces what is there. What the
 * call heard is kept whole on the call and merged into the lead's collected_data (latest answer first), which the
 * console shows beside the lead's fields. The budget's bounds go with the budget text they belong to.
 * {@code doNotCall} only ever turns the lead's do-not-call on: turning it off is the broker's, in the console. A
 * qualified lead stays qualified whatever a later call says (its last_outcome tells the latest).
 */
final class LeadAnswers {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    LeadAnswers(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * What the lead answered, for the lead's own record: the time a call back was booked for belongs to that call (the
     * dialer books it from the call), and on the lead it would reach the next call's collected data, stale.
     */
    private static Map<String, Object> answers(Map<String, Object> data) {
        if (!data.containsKey(AgentAction.ScheduleCallback.COLLECTED_KEY)) {
            return data;
        }
        Map<String, Object> answers = new java.util.HashMap<>(data);
        answers.remove(AgentAction.ScheduleCallback.COLLECTED_KEY);
        return answers;
    }

    /** The call's answers, outcome and summary onto the lead, by the rule above. */
    void copy(long leadId, Map<String, Object> data, String outcome, String summary, boolean doNotCall) {
        jdbc.update("""
                UPDATE leads SET property_type = COALESCE(NULLIF(property_type, ''), ?),
                       location = COALESCE(NULLIF(location, ''), ?),
                       budget_min_rupees = CASE WHEN NULLIF(budget, '') IS NULL THEN ? ELSE budget_min_rupees END,
                       budget_max_rupees = CASE WHEN NULLIF(budget, '') IS NULL THEN ? ELSE budget_max_rupees END,
                       budget = COALESCE(NULLIF(budget, ''), ?),
                       timeline = COALESCE(NULLIF(timeline, ''), ?), purpose = COALESCE(NULLIF(purpose, ''), ?),
                       bedrooms = COALESCE(bedrooms, ?),
                       collected_data = collected_data || ?::jsonb,
                       last_outcome = COALESCE(?, last_outcome), last_summary = COALESCE(?, last_summary),
                       status = CASE WHEN status = 'qualified' THEN status ELSE COALESCE(?, status) END,
                       do_not_call = do_not_call OR ?, updated_at = now()
                WHERE id = ? AND erased_at IS NULL""",
                text(data, "property_type"), text(data, "location"),
                number(data, "budget_min_rupees", Long.MAX_VALUE), number(data, "budget_max_rupees", Long.MAX_VALUE),
                text(data, "budget"), text(data, "timeline"), text(data, "purpose"), bedrooms(data), CallRecordStore.jsonb(json, answers(data)),
                outcome, summary, outcome, doNotCall, leadId);
    }

    private static String text(Map<String, Object> data, String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    /** The bedroom count, halves included (2.5), as the lead's column holds it; none when it is not a count. */
    private static java.math.BigDecimal bedrooms(Map<String, Object> data) {
        return Bedrooms.from(data.get("bedrooms")).map(b -> java.math.BigDecimal.valueOf(b.count())).orElse(null);
    }

    /** A number the lead's column accepts (its CHECK), else none: a wrong value must not make the whole write fail. */
    private static Long number(Map<String, Object> data, String key, long max) {
        return data.get(key) instanceof Number n && n.longValue() >= 0 && n.longValue() <= max ? n.longValue() : null;
    }
}
