package dev.vaani.audio;

/**
 * Tuning for {@link EnergyVad}.
 *
 * @param threshold       RMS (in 16-bit sample units) below which a frame is never speech
 * @param noiseFactor     how far above the learnt noise floor a frame must be to count as speech
 * @param noiseAdaptation weight of each silent frame in the noise-floor moving average (0..1]
 * @param hangoverMs      how long a verdict stays SPEECH after energy drops, to bridge gaps between words
 */
public record VadSettings(double threshold, double noiseFactor, double noiseAdaptation, int hangoverMs) {

    public static final VadSettings DEFAULTS = new VadSettings(500, 3.0, 0.05, 200);

    public VadSettings {
        if (threshold < 0 || noiseFactor < 1 || noiseAdaptation <= 0 || noiseAdaptation > 1 || hangoverMs < 0) {
            throw new IllegalArgumentException("invalid VAD settings: threshold=" + threshold + ", noiseFactor="
                    + noiseFactor + ", noiseAdaptation=" + noiseAdaptation + ", hangoverMs=" + hangoverMs);
        }
    }

    public VadSettings withThreshold(double newThreshold) {
        return new VadSettings(newThreshold, noiseFactor, noiseAdaptation, hangoverMs);
    }

    public VadSettings withHangoverMs(int newHangoverMs) {
        return new VadSettings(threshold, noiseFactor, noiseAdaptation, newHangoverMs);
    }
}
