package dev.vaani.audio;

/** A voice activity detector's verdict on one frame. */
public enum VadDecision {
    SPEECH,
    SILENCE;

    public boolean isSpeech() {
        return this == SPEECH;
    }
}
