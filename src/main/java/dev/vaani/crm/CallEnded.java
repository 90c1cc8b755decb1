package dev.vaani.crm;

/**
 * Published exactly once per call, inside the transaction that sets its next_step_decided_at, when both the media leg's
 * result and Exotel's terminal status are known (see {@link CallRecords#decideIfReady}); a listener that fails rolls
 * the decision back so it is taken again later. Published once more, in the transaction that records the placement,
 * when a call decided before our placement of it was recorded gets its attempt ({@link CallRecords#placed}): the
 * listeners take a step only for what has none yet (the attempt's next step; a webhook event is queued once by its id).
 *
 * @param finalOutcome the outcome recorded by the live call (e.g. qualified, callback) or for an unanswered call
 */
public record CallEnded(String callSid, Long leadId, Long campaignId, String status, String finalOutcome) {

    /** Listener order: the listeners that take the call's next step (the lead's status, its next call)... */
    public static final int DECIDE_FIRST = 0;
    /** ...before those that report the call with the lead as that step left it. */
    public static final int REPORT_AFTER = 100;
}
