package dev.vaani.audio;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streaming PCM16LE mono sample-rate converter (polyphase windowed-sinc), e.g. TTS audio at 16/22.05/24 kHz to the
 * call's 8 kHz. One instance per stream: it keeps filter history between chunks, so chunk boundaries are seamless.
 * Not thread-safe.
 */
public final class Resampler {

    /** Sinc zero crossings per side: 12 gives an edge steep enough that tones above the new Nyquist vanish. */
    private static final int ZERO_CROSSINGS = 12;
    /** Cut-off as a fraction of the lower Nyquist frequency; the transition band sits between this and Nyquist. */
    private static final double CUTOFF = 0.90;
    private static final double KAISER_BETA = 8.0;
    private static final ConcurrentHashMap<Long, Kernel> KERNELS = new ConcurrentHashMap<>();

    private final int inputRate;
    private final int outputRate;
    private final Kernel kernel;
    /** Input samples not yet fully used; index 0 is the oldest still needed. */
    private float[] history;
    private int historyLength;
    /** Index in {@link #history} of the sample at or just before the next output instant. */
    private int position;
    /** Fractional part of the next output instant, in units of 1/phases of an input sample. */
    private int phase;
    private int pendingLowByte = -1;

    public Resampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inputRate + " -> " + outputRate);
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.kernel = inputRate == outputRate ? null
                : KERNELS.computeIfAbsent(((long) inputRate << 32) | outputRate,
                        k -> new Kernel(inputRate, outputRate));
        reset();
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Forgets all history, e.g. when a new utterance starts. */
    public void reset() {
        int halfTaps = kernel == null ? 0 : kernel.halfTaps;
        history = new float[Math.max(64, 4 * halfTaps)];
        // Start with zeros on the left so the first output sample lines up with the first input sample.
        historyLength = Math.max(0, halfTaps - 1);
        position = historyLength;
        phase = 0;
        pendingLowByte = -1;
    }

    /** Most output bytes {@link #process(byte[], int, int, byte[], int)} can write for {@code inputBytes}. */
    public int maxOutputBytes(int inputBytes) {
        long inputSamples = (inputBytes + 1) / 2 + (kernel == null ? 0 : kernel.halfTaps) + 1;
        return (int) ((inputSamples * outputRate / inputRate + 2) * 2);
    }

    /** Converts a chunk (any length, odd too); returns the output ready so far, the rest follows later. */
    public byte[] process(byte[] pcm, int offset, int length) {
        byte[] out = new byte[maxOutputBytes(length)];
        int written = process(pcm, offset, length, out, 0);
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    /** Converts a chunk into {@code out}, which must have {@link #maxOutputBytes} room; returns bytes written. */
    public int process(byte[] pcm, int offset, int length, byte[] out, int outOffset) {
        int end = offset + length;
        int i = offset;
        if (pendingLowByte >= 0 && i < end) {
            append((short) (pendingLowByte | (pcm[i++] << 8)));
            pendingLowByte = -1;
        }
        int whole = (end - i) / 2;
        ensureRoom(whole);
        for (int k = 0; k < whole; k++, i += 2) {
            history[historyLength++] = (short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8));
        }
        if (i < end) {
            pendingLowByte = pcm[i] & 0xFF;
        }
        return drain(out, outOffset);
    }

    /** Pushes out the filter's tail at the end of a stream; the instance is then ready for a new stream. */
    public byte[] flush() {
        int halfTaps = kernel == null ? 0 : kernel.halfTaps;
        byte[] out = new byte[maxOutputBytes(2 * halfTaps)];
        ensureRoom(halfTaps);
        // Only as many output samples as the real input justifies: the zero tail exists just to complete their filters.
        long realEnd = historyLength;
        for (int k = 0; k < halfTaps; k++) {
            history[historyLength++] = 0;
        }
        int written = drainUntil(out, 0, realEnd);
        reset();
        return Arrays.copyOf(out, written);
    }

    private void append(short sample) {
        ensureRoom(1);
        history[historyLength++] = sample;
    }

    private int drain(byte[] out, int outOffset) {
        return drainUntil(out, outOffset, Long.MAX_VALUE);
    }

    private int drainUntil(byte[] out, int outOffset, long positionLimit) {
        int o = outOffset;
        if (kernel == null) {
            for (int k = 0; k < historyLength; k++) {
                Pcm16.putSample(out, o, (int) history[k]);
                o += 2;
            }
            historyLength = 0;
            position = 0;
            return o - outOffset;
        }
        int halfTaps = kernel.halfTaps;
        int taps = 2 * halfTaps;
        while (position + halfTaps < historyLength && position < positionLimit) {
            float[] coefficients = kernel.phases[phase];
            int first = position - halfTaps + 1;
            float acc = 0;
            for (int t = 0; t < taps; t++) {
                acc += coefficients[t] * history[first + t];
            }
            Pcm16.putSample(out, o, Math.round(acc));
            o += 2;
            phase += kernel.inputStep;
            position += phase / kernel.phaseCount;
            phase %= kernel.phaseCount;
        }
        discardUsedHistory(halfTaps);
        return o - outOffset;
    }

    private void discardUsedHistory(int halfTaps) {
        int keepFrom = Math.max(0, Math.min(position - halfTaps + 1, historyLength));
        if (keepFrom > 0) {
            System.arraycopy(history, keepFrom, history, 0, historyLength - keepFrom);
            historyLength -= keepFrom;
            position -= keepFrom;
        }
    }

    private void ensureRoom(int samples) {
        if (historyLength + samples > history.length) {
            history = Arrays.copyOf(history, Math.max(history.length * 2, historyLength + samples));
        }
    }

    /** Filter coefficients for one rate pair; immutable and shared by all streams with that pair. */
    private static final class Kernel {
        final int phaseCount;
        final int inputStep;
        final int halfTaps;
        final float[][] phases;

        Kernel(int inputRate, int outputRate) {
            int gcd = gcd(inputRate, outputRate);
            phaseCount = outputRate / gcd;
            inputStep = inputRate / gcd;
            // Cut-off in cycles per input sample; below the lower of the two Nyquist frequencies.
            double cutoff = 0.5 * CUTOFF * Math.min(1.0, (double) outputRate / inputRate);
            halfTaps = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
            phases = new float[phaseCount][2 * halfTaps];
            double besselBeta = besselI0(KAISER_BETA);
            for (int p = 0; p < phaseCount; p++) {
                double fraction = (double) p / phaseCount;
                double sum = 0;
                double[] raw = new double[2 * halfTaps];
                for (int t = 0; t < 2 * halfTaps; t++) {
                    double x = (t - halfTaps + 1) - fraction;
                    double window = x / halfTaps;
                    double kaiser = Math.abs(window) >= 1 ? 0
                            : besselI0(KAISER_BETA * Math.sqrt(1 - window * window)) / besselBeta;
                    raw[t] = 2 * cutoff * sinc(2 * cutoff * x) * kaiser;
                    sum += raw[t];
                }
                for (int t = 0; t < raw.length; t++) {
                    // Unity gain at DC for every phase, otherwise a constant tone would ripple at the phase rate.
                    phases[p][t] = (float) (raw[t] / sum);
                }
            }
        }

        private static double sinc(double x) {
            return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        }

        private static double besselI0(double x) {
            double sum = 1;
            double term = 1;
            for (int k = 1; k < 50; k++) {
                term *= (x / (2 * k)) * (x / (2 * k));
                sum += term;
            }
            return sum;
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }
}
