package dev.vaani.integration;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One event on its way to one endpoint, as the delivery log shows it (the body is in the outbox, not here). */
public record WebhookDelivery(long id, UUID eventId, String eventType, String callSid, Long campaignId, String url,
                              String state, int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime giveUpAt,
                              Integer lastStatus, String lastError, OffsetDateTime createdAt,
                              OffsetDateTime deliveredAt) {
}
