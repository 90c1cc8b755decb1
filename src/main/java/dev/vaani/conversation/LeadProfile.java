package dev.vaani.conversation;

import java.time.ZoneId;

/**
 * The lead as the agent sees it.
 *
 * @param leadId   database id, null for an unknown caller
 * @param name     how to address them; null or blank when unknown
 * @param phone    E.164
 * @param timeZone for callbacks; Asia/Kolkata by default
 */
public record LeadProfile(Long leadId, String name, String phone, ZoneId timeZone) {

    public static final ZoneId INDIA = CallbackHours.INDIA;

    public LeadProfile {
        if (timeZone == null) {
            timeZone = INDIA;
        }
    }

    public boolean hasName() {
        return name != null && !name.isBlank();
    }

    /** The first word of the name, for a natural greeting ("Hi Priya"). */
    public String firstName() {
        return hasName() ? name.trim().split("\\s+")[0] : "";
    }
}
