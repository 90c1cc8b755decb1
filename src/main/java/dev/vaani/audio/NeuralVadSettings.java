package dev.vaani.audio;

/**
 * Tuning for {@link NeuralVoiceDetector}; probabilities are the Silero model's (0..1).
 *
 * @param startThreshold    probability at or above which a window counts towards speech starting
 * @param stopThreshold     probability below which a window counts towards speech stopping
 * @param startWindows      consecutive windows (32 ms each) at the start threshold that start speech
 * @param stopMs            how long the probability must stay below the stop threshold to end speech
 * @param gateRms           RMS (16-bit units) below which a window is silence without running the model
 * @param resetAfterQuietMs after this much gated quiet the model's memory is cleared
 * @param noiseMargin       the start threshold stays this far above the line's average non-speech probability
 * @param maxStartThreshold the adaptive start threshold never rises above this
 * @param noiseAdaptation   weight of each non-speech window in that average and in the noise floor's (0..1]
 * @param floorStopFactor   a window below this multiple of the line's noise floor RMS counts towards stopping
 * @param standoutFactor    speech starts only in a window at least this multiple of the line's bed (0: off)
 * @param bedMs             the bed: the level the line sits at for most (70 %) of this long, caller speech included
 * @param onsetThreshold    a window at or above this probability (and standing out from a talking room) is a
 *                          possible onset; on a noisy line it rises with the start threshold, staying as far below it
 */
public record NeuralVadSettings(double startThreshold, double stopThreshold, int startWindows, int stopMs,
                                double gateRms, int resetAfterQuietMs, double noiseMargin, double maxStartThreshold,
                                double noiseAdaptation, double floorStopFactor, double standoutFactor, int bedMs,
                                double onsetThreshold) {

    public static final NeuralVadSettings DEFAULTS = new NeuralVadSettings(0.6, 0.35, 1, 96, 150, 1000, 0.35, 0.85,
            0.02, 2.0, 3.0, 4000, 0.3);

    public NeuralVadSettings {
        if (startThreshold <= 0 || startThreshold >= 1 || stopThreshold <= 0 || stopThreshold >= startThreshold
                || startWindows < 1 || stopMs < 0 || gateRms < 0 || maxStartThreshold < startThreshold
                || maxStartThreshold >= 1 || noiseAdaptation <= 0 || noiseAdaptation > 1 || floorStopFactor < 0
                || standoutFactor < 0 || bedMs < 100 || onsetThreshold <= 0 || onsetThreshold > startThreshold) {
            throw new IllegalArgumentException("invalid neural VAD settings: start " + startThreshold + ", stop "
                    + stopThreshold + ", startWindows " + startWindows + ", stopMs " + stopMs + ", gateRms " + gateRms
                    + ", maxStartThreshold " + maxStartThreshold + ", noiseAdaptation " + noiseAdaptation
                    + ", onsetThreshold " + onsetThreshold);
        }
    }
}
