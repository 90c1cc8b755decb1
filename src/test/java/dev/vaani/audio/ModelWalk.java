package dev.vaani.audio;

import java.util.Arrays;

/**
 * Silero over an 8 kHz line (samples at 16-bit scale) from its start, 32 ms window by window, with each window's level
 * against the line's bed as {@link SpeechHysteresis} computes it (the level the line sits at or above for 70 % of the
 * last 4 s, this window included): what the room-voice probe is trained on ({@link ModelStateDump}) and tested on.
 */
final class ModelWalk {

    static final int RATE = 8000;
    static final int WINDOW = 256;
    private static final int BED_WINDOWS = 125;

    /** Told of each window in order, with the stream holding the model's memory after it. */
    @FunctionalInterface
    interface EachWindow {
        void heard(int index, double level, float probability, SileroVad.Stream stream) throws Exception;
    }

    private ModelWalk() {
    }

    /** Walks the first {@code windows} windows of the line (at most as many as it holds). */
    static void over(SileroVad model, float[] line, int windows, EachWindow each) throws Exception {
        float[] window = new float[WINDOW];
        float[] levels = new float[BED_WINDOWS];
        float[] sorted = new float[BED_WINDOWS];
        int heard = 0;
        try (SileroVad.Stream stream = model.newStream(RATE)) {
            for (int w = 0; w < Math.min(windows, line.length / WINDOW); w++) {
                double energy = 0;
                for (int i = 0; i < WINDOW; i++) {
                    float sample = line[w * WINDOW + i];
                    window[i] = sample / 32768f;
                    energy += sample * sample;
                }
                double rms = Math.sqrt(energy / WINDOW);
                levels[w % BED_WINDOWS] = (float) rms;
                heard = Math.min(heard + 1, BED_WINDOWS);
                System.arraycopy(levels, 0, sorted, 0, heard);
                Arrays.sort(sorted, 0, heard);
                double bed = sorted[(int) (0.3 * (heard - 1))];
                float probability = stream.probability(window, 0);
                each.heard(w, rms / Math.max(bed, 1), probability, stream);
            }
        }
    }
}
