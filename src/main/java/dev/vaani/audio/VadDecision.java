package dev.vaani.audio;

/** A voice activity detector's verdict on one frame. */
public enum VadDecision {
    SPEECH,
    /**
     * Not speech yet, but the model leans towards it: the first tenth of a second of a word, before the detector is
     * sure. Enough to pause the bot, which resumes if nothing follows; never enough to take a turn.
     */
    ONSET,
    SILENCE;

    public boolean isSpeech() {
        return this == SPEECH;
    }

    /** Speech, or speech perhaps starting. */
    public boolean leansToSpeech() {
        return this != SILENCE;
    }
}
