package dev.vaani.audio;

/**
 * Turns per-frame VAD verdicts into utterance boundaries. Every {@link Event#SPEECH_STARTED} is later closed by
 * exactly one {@link Event#SPEECH_ENDED} or {@link Event#SPEECH_CANCELLED}. Time is counted in audio milliseconds
 * (the frames' durations), never wall clock, so results are the same however fast frames are fed. Not thread-safe.
 */
public final class SpeechSegmenter {

    /** What a frame changed; {@link #NONE} for most frames. */
    public enum Event {
        NONE,
        /** Speech has lasted {@code confirmMs}: the caller is talking (barge-in trigger). */
        SPEECH_STARTED,
        /** An utterance of at least {@code minSpeechMs} was followed by {@code silenceMs} of silence. */
        SPEECH_ENDED,
        /** Started speech fell silent before reaching {@code minSpeechMs}: noise, a cough, a short "hm". */
        SPEECH_CANCELLED
    }

    private final SegmenterSettings settings;
    private boolean inSpeech;
    private int speechRunMs;
    private int speechTotalMs;
    private int silenceRunMs;

    public SpeechSegmenter(SegmenterSettings settings) {
        this.settings = settings;
    }

    public SpeechSegmenter() {
        this(SegmenterSettings.DEFAULTS);
    }

    /** Feeds one frame's verdict and its duration. */
    public Event onFrame(VadDecision decision, int frameMs) {
        boolean speech = decision.isSpeech();
        if (!inSpeech) {
            speechRunMs = speech ? speechRunMs + frameMs : 0;
            if (speechRunMs >= settings.confirmMs()) {
                inSpeech = true;
                speechTotalMs = speechRunMs;
                silenceRunMs = 0;
                return Event.SPEECH_STARTED;
            }
            return Event.NONE;
        }
        if (speech) {
            speechTotalMs += frameMs;
            silenceRunMs = 0;
            return Event.NONE;
        }
        silenceRunMs += frameMs;
        if (silenceRunMs < settings.silenceMs()) {
            return Event.NONE;
        }
        Event closing = speechTotalMs >= settings.minSpeechMs() ? Event.SPEECH_ENDED : Event.SPEECH_CANCELLED;
        reset();
        return closing;
    }

    /** True between SPEECH_STARTED and its closing event. */
    public boolean inSpeech() {
        return inSpeech;
    }

    /** Speech heard so far in the current utterance (0 outside one). */
    public int speechMs() {
        return inSpeech ? speechTotalMs : 0;
    }

    public void reset() {
        inSpeech = false;
        speechRunMs = 0;
        speechTotalMs = 0;
        silenceRunMs = 0;
    }
}
