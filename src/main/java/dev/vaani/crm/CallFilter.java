package dev.vaani.crm;

import java.time.OffsetDateTime;

/** Which calls to list; a null field does not filter. Times bound created_at, from inclusive, to exclusive. */
public record CallFilter(Long campaignId, Long leadId, String status, String outcome, OffsetDateTime from,
                         OffsetDateTime to) {

    public static CallFilter all() {
        return new CallFilter(null, null, null, null, null, null);
    }

    public static CallFilter ofLead(long leadId) {
        return new CallFilter(null, leadId, null, null, null, null);
    }
}
