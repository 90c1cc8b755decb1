package dev.vaani.audio;

/** Classifies audio frames as speech or silence, one frame at a time, in stream order; stateful, one per call. */
public interface VoiceActivityDetector {

    /** Verdict on one frame (normally 20 ms of PCM16LE at the call's rate). */
    VadDecision process(byte[] frame, int offset, int length);

    /** Forgets what was learnt about the line, e.g. after the stream restarts. */
    void reset();

    /** Frees what the detector holds outside the heap (a neural model's tensors) when the call ends. */
    default void close() {
    }
}
