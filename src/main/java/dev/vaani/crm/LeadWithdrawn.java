package dev.vaani.crm;

import java.util.List;

/**
 * A lead left its campaigns without a call: deleted, erased at the person's request, or put on do-not-call by the
 * broker, its queued calls gone with it.
 * Each campaign it was in may have nothing left to do now and so be complete. Published inside the withdrawing
 * transaction; crm cannot call the campaign package.
 */
public record LeadWithdrawn(long leadId, List<Long> campaignIds) {
}
