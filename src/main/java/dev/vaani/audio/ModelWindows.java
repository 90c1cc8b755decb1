package dev.vaani.audio;

/**
 * Cuts one call's frames into the Silero model's windows (resampling 24 kHz to 16 kHz first), measures each window's
 * energy, and gates the quiet ones so the model never runs on them. Per-frame work reuses its buffers. One per call;
 * not thread-safe.
 */
final class ModelWindows {

    /** Receives each window; {@code samples} are reused once it returns. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param gated      quieter than the gate: silence, not worth the model
         * @param freshModel the line was quiet long enough that the model's memory must be cleared before this window
         */
        void onWindow(float[] samples, double rms, boolean gated, boolean freshModel);
    }

    private static final float SCALE = 1f / 32768f;

    private final Sink sink;
    private final double gateRms;
    private final int resetAfterQuietMs;
    private final int modelRate;
    private final Resampler resampler;
    private final byte[] resampled;
    private final int resampleStepBytes;
    private final float[] window;
    private final int windowMs;
    private int filled;
    private double windowSquares;
    private int gatedMs;
    private boolean modelStale;

    ModelWindows(AudioFormat format, NeuralVadSettings settings, Sink sink) {
        this.sink = sink;
        this.gateRms = settings.gateRms();
        this.resetAfterQuietMs = settings.resetAfterQuietMs();
        this.modelRate = format.sampleRate() == 8000 ? 8000 : 16000;
        this.resampler = format.sampleRate() == modelRate ? null : new Resampler(format.sampleRate(), modelRate);
        this.resampleStepBytes = format.frameBytes(100);
        this.resampled = resampler == null ? null : new byte[resampler.maxOutputBytes(resampleStepBytes)];
        this.window = new float[SileroVad.windowSamples(modelRate)];
        this.windowMs = window.length * 1000 / modelRate;
    }

    /** The rate the model hears this call at: 8000 or 16000 Hz. */
    int modelRate() {
        return modelRate;
    }

    int windowMs() {
        return windowMs;
    }

    void take(byte[] frame, int offset, int length) {
        if (resampler == null) {
            cut(frame, offset, length);
            return;
        }
        // 100 ms of input at a time keeps the reused output buffer big enough for any frame size
        for (int at = offset; at < offset + length; at += resampleStepBytes) {
            int n = Math.min(resampleStepBytes, offset + length - at);
            cut(resampled, 0, resampler.process(frame, at, n, resampled, 0));
        }
    }

    private void cut(byte[] pcm, int offset, int length) {
        for (int i = offset; i + 1 < offset + length; i += 2) {
            float sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            window[filled++] = sample * SCALE;
            windowSquares += (double) sample * sample;
            if (filled == window.length) {
                onWindow(Math.sqrt(windowSquares / window.length));
                filled = 0;
                windowSquares = 0;
            }
        }
    }

    private void onWindow(double rms) {
        if (rms < gateRms) {
            gatedMs += windowMs;
            if (gatedMs >= resetAfterQuietMs && gatedMs - windowMs < resetAfterQuietMs) {
                modelStale = true; // a new stretch of sound starts the model afresh, as at the start of a call
            }
            sink.onWindow(window, rms, true, false);
            return;
        }
        gatedMs = 0;
        boolean fresh = modelStale;
        modelStale = false;
        sink.onWindow(window, rms, false, fresh);
    }

    void reset() {
        if (resampler != null) {
            resampler.reset();
        }
        filled = 0;
        windowSquares = 0;
        gatedMs = 0;
        modelStale = false;
    }
}
