package dev.vaani.crm;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A lead as the admin API shows it. Property type, location and budget are the broker's (import, API, console); a
 * call fills one only while it is empty. What the lead said on calls is {@code collectedData}, the latest answer to
 * each question (each call keeps its own too). An erased lead ({@code erasedAt} set, {@link LeadErasure}) is a
 * tombstone: its id, status and dates, never a personal value (name, phone and the rest are null).
 */
public record Lead(long id, String name, String phone, String email, String propertyType, String location,
                   String budget, String source, String status, boolean doNotCall, String timeZone,
                   String lastOutcome, OffsetDateTime createdAt, Map<String, Object> collectedData,
                   OffsetDateTime erasedAt) {

    public boolean erased() {
        return erasedAt != null;
    }
}
