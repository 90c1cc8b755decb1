package dev.vaani.call;

import dev.vaani.call.session.TranscriptLine;

/**
 * What happens on a live call, published in-process (Spring application events) so watchers such as the operator
 * console can follow calls as they happen. Listeners run on the call's own threads: they must hand work off, never block.
 */
public sealed interface CallActivity {

    String callSid();

    /** The media stream began and the call row exists. */
    record Started(String callSid, Long leadId, Long campaignId) implements CallActivity {}

    /** A transcript line was heard (caller) or played (bot; an interrupted line holds only what the caller heard). */
    record Heard(String callSid, TranscriptLine line) implements CallActivity {}

    /** The stream is over and the call row holds the final transcript, collected data and outcome. */
    record Ended(String callSid, Long leadId, Long campaignId, String outcome) implements CallActivity {}
}
