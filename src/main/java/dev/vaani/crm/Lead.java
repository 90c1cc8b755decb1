package dev.vaani.crm;

import java.time.OffsetDateTime;

/** A lead as the admin API shows it. */
public record Lead(long id, String name, String phone, String email, String propertyType, String location,
                   String budget, String source, String status, boolean doNotCall, String timeZone,
                   String lastOutcome, OffsetDateTime createdAt) {
}
