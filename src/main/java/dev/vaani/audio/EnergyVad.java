package dev.vaani.audio;

/**
 * Energy-based VAD: a frame is speech when its RMS exceeds both the fixed threshold and a multiple of the line's
 * noise floor, which it learns from non-speech frames only (so the caller's own voice never raises it). A hangover
 * keeps short dips between words from splitting an utterance. Deterministic and allocation-free; not thread-safe.
 */
public final class EnergyVad implements VoiceActivityDetector {

    private final AudioFormat format;
    private final VadSettings settings;
    private final long hangoverSamples;
    private double noiseFloor;
    private long hangoverLeftSamples;
    private double lastRms;

    public EnergyVad(AudioFormat format, VadSettings settings) {
        this.format = format;
        this.settings = settings;
        this.hangoverSamples = (long) format.sampleRate() * settings.hangoverMs() / 1000;
    }

    public EnergyVad(AudioFormat format) {
        this(format, VadSettings.DEFAULTS);
    }

    @Override
    public VadDecision process(byte[] frame, int offset, int length) {
        double rms = Pcm16.rms(frame, offset, length);
        lastRms = rms;
        // Hangover is counted in samples, not frames, so it means the same whatever frame size the caller uses.
        int frameSamples = length / AudioFormat.BYTES_PER_SAMPLE;
        if (rms > speechLevel()) {
            hangoverLeftSamples = hangoverSamples;
            return VadDecision.SPEECH;
        }
        if (hangoverLeftSamples > 0) {
            hangoverLeftSamples -= frameSamples;
            return VadDecision.SPEECH;
        }
        noiseFloor += settings.noiseAdaptation() * (rms - noiseFloor);
        return VadDecision.SILENCE;
    }

    @Override
    public void reset() {
        noiseFloor = 0;
        hangoverLeftSamples = 0;
        lastRms = 0;
    }

    /** RMS energy that a frame must exceed to count as speech right now. */
    public double speechLevel() {
        return Math.max(settings.threshold(), noiseFloor * settings.noiseFactor());
    }

    /** RMS of the last frame processed, for metrics and debugging. */
    public double lastRms() {
        return lastRms;
    }

    public double noiseFloor() {
        return noiseFloor;
    }

    public AudioFormat format() {
        return format;
    }
}
