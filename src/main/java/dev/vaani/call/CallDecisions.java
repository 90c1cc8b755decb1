package dev.vaani.call;

/**
 * Takes what follows a call (retry, callback, the lead's status) once both the media leg's result and the carrier's
 * terminal status are known: exactly once across instances and restarts. The CRM implements it; the call only says
 * when a decision may have become possible.
 */
public interface CallDecisions {

    /** @return whether this call's next step was decided now */
    boolean decideIfReady(String callSid);

    /** After the decision timeout without the carrier's terminal status: the media leg's result alone decides. */
    boolean decideOnMediaResult(String callSid);
}
