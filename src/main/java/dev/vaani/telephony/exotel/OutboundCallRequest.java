package dev.vaani.telephony.exotel;

/**
 * One call to place.
 *
 * @param phone      the lead's number in E.164 (Exotel's From: the number dialled first)
 * @param leadId     our lead
 * @param campaignId our campaign, or null for a one-off call
 * @param attempt    1 for the first try, then retries and callbacks
 * @param record     whether Exotel records the call
 * @param scheduledCallId the dialer's scheduled call (the attempt's row), or null for a one-off call
 */
public record OutboundCallRequest(String phone, long leadId, Long campaignId, int attempt, boolean record,
                                  Long scheduledCallId) {
}
