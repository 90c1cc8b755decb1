package dev.vaani.crm;

/**
 * Leads were attached to a campaign (an import into it, or by id). Published inside the attaching transaction, so a
 * campaign already running queues their first attempt with them, or not at all; crm cannot call the campaign package.
 */
public record LeadsAttached(long campaignId) {
}
