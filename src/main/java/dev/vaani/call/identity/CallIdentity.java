package dev.vaani.call.identity;

import java.time.Instant;

/**
 * Who a call is about, as we decided when we placed it (or answered Exotel's voicebot-URL request). It reaches
 * {@code /media} only signed by {@link CallIdentitySigner}; an unsigned claim is never trusted.
 *
 * @param leadId          our lead, or null
 * @param campaignId      our campaign, or null for a one-off or inbound call
 * @param scheduledCallId the dialer's attempt (scheduled_calls.id), or null
 * @param callSid         the Exotel call this identity is bound to when we knew it while signing, or null
 * @param expiresAt       a stream starting after this instant is not believed
 */
public record CallIdentity(Long leadId, Long campaignId, Long scheduledCallId, String callSid, Instant expiresAt) {

    public CallIdentity {
        if (expiresAt == null) {
            throw new IllegalArgumentException("a call identity needs an expiry");
        }
        if (callSid != null && (callSid.isBlank() || !callSid.matches("[A-Za-z0-9_-]{1,64}"))) {
            callSid = null; // only plain sids can be bound; any other is left unbound rather than mis-encoded
        }
    }
}
