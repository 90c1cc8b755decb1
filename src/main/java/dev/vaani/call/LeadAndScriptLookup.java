package dev.vaani.call;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.CallbackHours;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.LeadProfile;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a call starts from, read before its first word: the lead (from {@code leads}), the campaign's script (from
 * {@code campaigns}) and what earlier calls collected from the lead. Kept apart from {@link CallRecordStore}'s writes
 * because these reads follow the opposite rule: a lead or script that cannot be read must not stop the call, so it
 * falls back to a nameless greeting or the default script, whereas a failed record write must fail so it is retried.
 */
final class LeadAndScriptLookup {

    private static final Logger log = LoggerFactory.getLogger(LeadAndScriptLookup.class);

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    LeadAndScriptLookup(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The lead a signed call identity names. */
    Optional<LeadProfile> findLead(long leadId) {
        try {
            return jdbc.query("SELECT id, name, phone, time_zone, property_type, location, budget FROM leads WHERE id = ?", this::lead, leadId)
                    .stream().findFirst();
        } catch (DataAccessException e) {
            log.warn("Looking up the lead failed; greeting without a name: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The campaign's script in the campaign's language, or the default real-estate script. */
    CampaignScript findScript(Long campaignId) {
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
                    ? script.inLanguage(language) : script;
        } catch (DataAccessException | JacksonException | IllegalArgumentException e) {
            log.warn("Campaign {} has no usable script ({}); using the default", campaignId, e.getMessage());
            return CampaignScript.defaultRealEstate();
        }
    }

    /** The campaign's calling hours in its zone; TRAI's for a call without a campaign, or one that cannot be read. */
    CallbackHours findCallbackHours(Long campaignId) {
        if (campaignId == null) {
            return CallbackHours.TRAI;
        }
        try {
            return jdbc.query("SELECT calling_window_start, calling_window_end, time_zone FROM campaigns WHERE id = ?",
                    (row, index) -> new CallbackHours(row.getObject("calling_window_start", LocalTime.class),
                            row.getObject("calling_window_end", LocalTime.class), zoneOr(row.getString("time_zone"))),
                    campaignId).stream().findFirst().orElse(CallbackHours.TRAI);
        } catch (DataAccessException e) {
            log.warn("Campaign {}: its calling hours could not be read ({}); callbacks are booked within TRAI's",
                    campaignId, e.getMessage());
            return CallbackHours.TRAI;
        }
    }

    /** A stored zone, or India's for one Java does not know (or none). */
    private static ZoneId zoneOr(String stored) {
        try {
            return ZoneId.of(stored);
        } catch (RuntimeException e) {
            return CallbackHours.INDIA;
        }
    }

    /** Data already collected for this lead on earlier calls. */
    Map<String, Object> findCollectedData(Long leadId) {
        if (leadId == null) {
            return Map.of();
        }
        List<String> rows = jdbc.queryForList("SELECT collected_data::text FROM leads WHERE id = ?", String.class, leadId);
        try {
            return rows.isEmpty() ? Map.of() : json.readValue(rows.getFirst(), new TypeReference<>() { });
        } catch (JacksonException e) {
            return Map.of();
        }
    }

    private LeadProfile lead(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        return new LeadProfile(row.getLong("id"), row.getString("name"), row.getString("phone"),
                zoneOr(row.getString("time_zone")), LeadProfile.onRecord(row.getString("property_type"),
                        row.getString("location"), row.getString("budget")));
    }
}
