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

    /**
     * A dialer's attempt was just given this call's sid, in the caller's transaction. If the call was decided before
     * (that decision found no attempt with the sid, so stepped none), its step is taken for the attempt now.
     */
    void attemptAdopted(String callSid);
}
