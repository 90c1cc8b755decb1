package dev.vaani.conversation;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lead as the agent sees it.
 *
 * @param leadId   database id, null for an unknown caller
 * @param name     how to address them; null or blank when unknown
 * @param phone    E.164
 * @param timeZone for callbacks; Asia/Kolkata by default
 * @param onRecord what the broker's records say the lead wants ({@link #ON_RECORD_FIELDS}, as imported), not yet
 *                 confirmed by the lead: read back for them to confirm rather than asked afresh
 */
public record LeadProfile(Long leadId, String name, String phone, ZoneId timeZone, Map<String, String> onRecord) {

    public static final ZoneId INDIA = CallbackHours.INDIA;
    /** The lead's own columns a broker's import fills. */
    public static final List<String> ON_RECORD_FIELDS = List.of("property_type", "location", "budget");

    public LeadProfile {
        if (timeZone == null) {
            timeZone = INDIA;
        }
        Map<String, String> given = new LinkedHashMap<>();
        if (onRecord != null) {
            onRecord.forEach((field, value) -> {
                if (ON_RECORD_FIELDS.contains(field) && value != null && !value.isBlank()) {
                    given.put(field, value.strip());
                }
            });
        }
        onRecord = Collections.unmodifiableMap(given);
    }

    public LeadProfile(Long leadId, String name, String phone, ZoneId timeZone) {
        this(leadId, name, phone, timeZone, Map.of());
    }

    /** The broker's details as stored on the lead (any may be null or blank: those are left out). */
    public static Map<String, String> onRecord(String propertyType, String location, String budget) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("property_type", propertyType);
        details.put("location", location);
        details.put("budget", budget);
        return details;
    }

    public boolean hasName() {
        return name != null && !name.isBlank();
    }

    /** The first word of the name, for a natural greeting ("Hi Priya"). */
    public String firstName() {
        return hasName() ? name.trim().split("\\s+")[0] : "";
    }
}
