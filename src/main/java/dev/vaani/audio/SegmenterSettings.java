package dev.vaani.audio;

/**
 * Tuning for {@link SpeechSegmenter}; all durations are milliseconds of audio.
 *
 * @param confirmMs   continuous speech needed before speech counts as started (barge-in sensitivity)
 * @param silenceMs   continuous silence that ends an utterance
 * @param minSpeechMs total speech an utterance needs; shorter bursts (coughs, clicks) are cancelled, not ended
 */
public record SegmenterSettings(int confirmMs, int silenceMs, int minSpeechMs) {

    public static final SegmenterSettings DEFAULTS = new SegmenterSettings(200, 600, 500);

    public SegmenterSettings {
        if (confirmMs <= 0 || silenceMs <= 0 || minSpeechMs < 0) {
            throw new IllegalArgumentException("invalid segmenter settings: confirmMs=" + confirmMs
                    + ", silenceMs=" + silenceMs + ", minSpeechMs=" + minSpeechMs);
        }
    }
}
