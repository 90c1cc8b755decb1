package dev.vaani.crm;

/**
 * Published exactly once per call, inside the transaction that sets its next_step_decided_at, when both the media leg's
 * result and Exotel's terminal status are known (see {@link CallRecords#decideIfReady}); a listener that fails rolls
 * the decision back so it is taken again later.
 *
 * @param finalOutcome the outcome recorded by the live call (e.g. qualified, callback) or for an unanswered call
 */
public record CallEnded(String callSid, Long leadId, Long campaignId, String status, String finalOutcome) {
}
