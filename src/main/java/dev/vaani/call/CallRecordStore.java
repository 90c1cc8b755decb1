package dev.vaani.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.LeadProfile;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The call's row in {@code call_sessions}: created when the media stream starts, transcript lines appended as they
 * are heard (so a restart loses none), completed when the call ends. Also looks up the lead and the campaign script.
 */
@Component
public class CallRecordStore {

    private static final Logger log = LoggerFactory.getLogger(CallRecordStore.class);

    /** What the call record holds at the end of a call. */
    public record Completion(String stage, Map<String, Object> collectedData, boolean escalationRequested,
                             String outcome, String summary, String error, List<Map<String, Object>> turnMetrics) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public CallRecordStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Creates the row, or takes over the one the dialer or a webhook made for this call sid. */
    public void started(String callSid, String streamSid, Long leadId, Long campaignId, String direction,
                        String from, String to, int sampleRate, Instant at) {
        jdbc.update("""
                INSERT INTO call_sessions (call_sid, stream_sid, lead_id, campaign_id, direction, status, from_number,
                                           to_number, started_at, answered_at, sample_rate)
                VALUES (?, ?, ?, ?, ?, 'in-progress', ?, ?, ?, ?, ?)
                ON CONFLICT (call_sid) DO UPDATE SET
                    stream_sid = EXCLUDED.stream_sid,
                    lead_id = COALESCE(call_sessions.lead_id, EXCLUDED.lead_id),
                    campaign_id = COALESCE(call_sessions.campaign_id, EXCLUDED.campaign_id),
                    status = CASE WHEN call_sessions.status IN ('initiated', 'ringing') THEN 'in-progress'
                                  ELSE call_sessions.status END,
                    from_number = COALESCE(call_sessions.from_number, EXCLUDED.from_number),
                    to_number = COALESCE(call_sessions.to_number, EXCLUDED.to_number),
                    started_at = COALESCE(call_sessions.started_at, EXCLUDED.started_at),
                    answered_at = COALESCE(call_sessions.answered_at, EXCLUDED.answered_at),
                    sample_rate = EXCLUDED.sample_rate,
                    updated_at = now()
                """, callSid, streamSid, leadId, campaignId, direction, from, to, Timestamp.from(at),
                Timestamp.from(at), sampleRate);
    }

    public void appendTranscript(String callSid, TranscriptLine line) {
        jdbc.update("UPDATE call_sessions SET transcript = transcript || jsonb_build_array(?::jsonb), updated_at = now() WHERE call_sid = ?",
                toJson(line), callSid);
    }

    public void updateProgress(String callSid, String stage, Map<String, Object> collectedData, boolean escalation) {
        jdbc.update("""
                UPDATE call_sessions SET conversation_stage = ?, collected_data = ?::jsonb, escalation_requested = ?,
                       updated_at = now() WHERE call_sid = ?""", stage, toJson(collectedData), escalation, callSid);
    }

    /** The stream ended: store the outcome and copy the qualification data onto the lead. */
    public void completed(String callSid, Long leadId, Completion completion, Instant endedAt) {
        jdbc.update("""
                UPDATE call_sessions SET conversation_stage = ?, collected_data = ?::jsonb, escalation_requested = ?,
                       final_outcome = COALESCE(?, final_outcome), summary = COALESCE(?, summary), error = ?,
                       turn_metrics = ?::jsonb, ended_at = COALESCE(ended_at, ?),
                       duration_seconds = COALESCE(duration_seconds,
                           GREATEST(0, EXTRACT(EPOCH FROM (?::timestamptz - started_at)))::int),
                       updated_at = now()
                WHERE call_sid = ?""",
                completion.stage(), toJson(completion.collectedData()), completion.escalationRequested(),
                completion.outcome(), completion.summary(), completion.error(), toJson(completion.turnMetrics()),
                Timestamp.from(endedAt), Timestamp.from(endedAt), callSid);
        if (leadId != null) {
            Map<String, Object> data = completion.collectedData();
            jdbc.update("""
                    UPDATE leads SET property_type = COALESCE(?, property_type), location = COALESCE(?, location),
                           budget = COALESCE(?, budget), timeline = COALESCE(?, timeline), purpose = COALESCE(?, purpose),
                           bedrooms = COALESCE(?, bedrooms), budget_min_rupees = COALESCE(?, budget_min_rupees),
                           budget_max_rupees = COALESCE(?, budget_max_rupees),
                           collected_data = collected_data || ?::jsonb,
                           last_outcome = COALESCE(?, last_outcome), last_summary = COALESCE(?, last_summary),
                           status = COALESCE(?, status), updated_at = now()
                    WHERE id = ?""",
                    text(data, "property_type"), text(data, "location"), text(data, "budget"), text(data, "timeline"),
                    text(data, "purpose"), number(data, "bedrooms"), number(data, "budget_min_rupees"),
                    number(data, "budget_max_rupees"), toJson(data), completion.outcome(), completion.summary(),
                    completion.outcome(), leadId);
        }
    }

    /** The lead this call is for: by the id in the stream's custom parameters, else by the caller's number. */
    public Optional<LeadProfile> findLead(Long leadId, String phone) {
        try {
            List<LeadProfile> found = leadId != null
                    ? jdbc.query("SELECT id, name, phone, time_zone FROM leads WHERE id = ?", this::lead, leadId)
                    : phone == null ? List.of()
                    : jdbc.query("SELECT id, name, phone, time_zone FROM leads WHERE phone = ? ORDER BY id LIMIT 1", this::lead, phone);
            return found.stream().findFirst();
        } catch (DataAccessException e) {
            log.warn("Looking up the lead failed; greeting without a name: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The campaign's script in the campaign's language, or the default real-estate script. */
    public CampaignScript findScript(Long campaignId) {
        if (campaignId == null) {
            return CampaignScript.defaultRealEstate();
        }
        try {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT script::text AS script, language FROM campaigns WHERE id = ?", campaignId);
            if (rows.isEmpty()) {
                return CampaignScript.defaultRealEstate();
            }
            String scriptJson = (String) rows.getFirst().get("script");
            CampaignScript script = scriptJson == null || scriptJson.equals("{}") ? CampaignScript.defaultRealEstate()
                    : json.readValue(scriptJson, CampaignScript.class);
            return rows.getFirst().get("language") instanceof String language && !language.isBlank()
                    ? script.withLanguage(language) : script;
        } catch (DataAccessException | JsonProcessingException | IllegalArgumentException e) {
            log.warn("Campaign {} has no usable script ({}); using the default", campaignId, e.getMessage());
            return CampaignScript.defaultRealEstate();
        }
    }

    /** Data already collected for this lead on earlier calls. */
    public Map<String, Object> findCollectedData(Long leadId) {
        if (leadId == null) {
            return Map.of();
        }
        List<String> rows = jdbc.queryForList("SELECT collected_data::text FROM leads WHERE id = ?", String.class, leadId);
        try {
            return rows.isEmpty() ? Map.of() : json.readValue(rows.getFirst(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private LeadProfile lead(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        ZoneId zone;
        try {
            zone = ZoneId.of(row.getString("time_zone"));
        } catch (RuntimeException e) {
            zone = LeadProfile.INDIA;
        }
        return new LeadProfile(row.getLong("id"), row.getString("name"), row.getString("phone"), zone);
    }

    private static String text(Map<String, Object> data, String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    private static Long number(Map<String, Object> data, String key) {
        return data.get(key) instanceof Number n ? n.longValue() : null;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
