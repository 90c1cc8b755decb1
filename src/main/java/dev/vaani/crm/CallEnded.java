package dev.vaani.crm;

/**
 * Published once when a call first reaches a terminal status, so the dialer can take the lead's next step.
 *
 * @param finalOutcome the outcome recorded by the live call (e.g. qualified, callback) or for an unanswered call
 */
public record CallEnded(String callSid, Long leadId, Long campaignId, String status, String finalOutcome) {
}
