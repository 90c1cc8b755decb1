package dev.vaani.call;

import dev.vaani.call.session.TranscriptLine;
import java.util.List;
import java.util.Map;

/**
 * Published when the agent decides to hand the caller to a person, before the hand-over line has played and the
 * stream closes, so whoever takes over can learn about the lead first (see dev.vaani.integration).
 */
public record TransferRequested(String callSid, Long leadId, Long campaignId, String reason,
                                Map<String, Object> collectedData, List<TranscriptLine> transcript) {
}
