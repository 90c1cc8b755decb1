package dev.vaani.audio;

/**
 * Tells whether inbound caller audio is just our own outbound audio coming back (speakerphones, no echo
 * cancellation on phone lines), so the bot does not barge in on itself.
 *
 * <p>Both directions are decimated to {@link EchoSettings#analysisRate()} and the latest inbound window is compared
 * with the played history at every lag up to {@link EchoSettings#maxLagMs()}: echo is a scaled, delayed copy, so
 * its normalised cross-correlation is high at the echo's lag, while independent speech stays low at every lag.
 * Work per decision is bounded by lags × window samples (about 200 000 multiply-adds with the defaults, roughly
 * 0.2 ms) and nothing is allocated; ask only while our audio is playing and the VAD hears speech. Feed outbound
 * audio as it is sent, at real-time pace; while nothing is sent the played timeline is assumed silent, so stale audio
 * cannot match. One instance per call; not thread-safe.
 */
public final class EchoDetector {

    private final EchoSettings settings;
    private final int windowSamples;
    private final int maxLagSamples;
    private final double analysisRate;
    private final DecimatedRing played;
    private final DecimatedRing inbound;
    private double lastCorrelation;
    private int lastLagMs = -1;

    public EchoDetector(AudioFormat format, EchoSettings settings) {
        this.settings = settings;
        int decimation = Math.max(1, format.sampleRate() / settings.analysisRate());
        this.analysisRate = (double) format.sampleRate() / decimation;
        this.windowSamples = Math.max(8, (int) Math.round(settings.windowMs() * analysisRate / 1000));
        this.maxLagSamples = (int) Math.round(settings.maxLagMs() * analysisRate / 1000);
        this.played = new DecimatedRing(maxLagSamples + windowSamples + 1, decimation);
        this.inbound = new DecimatedRing(windowSamples, decimation);
    }

    public EchoDetector(AudioFormat format) {
        this(format, EchoSettings.DEFAULTS);
    }

    /** Records outbound PCM16LE as it is sent to the caller. */
    public void onPlayed(byte[] pcm, int offset, int length) {
        played.append(pcm, offset, length);
    }

    /** Adds one inbound frame and decides whether the recent inbound audio is echo of what we played. */
    public boolean isLikelyEcho(byte[] frame, int offset, int length) {
        inbound.append(frame, offset, length);
        // Silence is assumed on the outbound side while we send nothing, keeping the two timelines aligned.
        played.padWithSilenceUntil(inbound.written());
        lastCorrelation = 0;
        lastLagMs = -1;
        if (inbound.written() < windowSamples) {
            return false;
        }
        float[] y = inbound.data;
        int yStart = inbound.windowStart(windowSamples);
        double inboundEnergy = 0;
        for (int i = 0; i < windowSamples; i++) {
            inboundEnergy += (double) y[yStart + i] * y[yStart + i];
        }
        if (inboundEnergy < windowSamples) {
            return false;
        }
        long searchableLags = Math.min(maxLagSamples, played.written() - windowSamples);
        if (searchableLags < 0) {
            return false;
        }
        float[] x = played.data;
        int xStart = played.windowStart(windowSamples);
        double playedEnergy = 0;
        for (int i = 0; i < windowSamples; i++) {
            playedEnergy += (double) x[xStart + i] * x[xStart + i];
        }
        double best = 0;
        int bestLag = -1;
        double minPlayedEnergy = inboundEnergy * 1e-4;
        for (int lag = 0; lag <= searchableLags; lag++) {
            int start = xStart - lag;
            if (lag > 0) {
                // Slide the played window one sample back: gain the new oldest sample, lose the old newest.
                float entering = x[start];
                float leaving = x[start + windowSamples];
                playedEnergy += (double) entering * entering - (double) leaving * leaving;
            }
            if (playedEnergy <= minPlayedEnergy) {
                continue;
            }
            double dot = dot(x, start, y, yStart, windowSamples);
            // Absolute value: some lines invert polarity, which makes echo anti-correlated.
            double correlation = Math.abs(dot) / Math.sqrt(playedEnergy * inboundEnergy);
            if (correlation > best) {
                best = correlation;
                bestLag = lag;
            }
        }
        lastCorrelation = Math.min(1, best);
        lastLagMs = bestLag < 0 ? -1 : (int) Math.round(bestLag * 1000.0 / analysisRate);
        return lastCorrelation > settings.correlationThreshold();
    }

    /** Four independent sums: float reductions are not vectorised, but this lets the CPU overlap the additions. */
    private static double dot(float[] x, int xFrom, float[] y, int yFrom, int length) {
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            a += x[xFrom + i] * y[yFrom + i];
            b += x[xFrom + i + 1] * y[yFrom + i + 1];
            c += x[xFrom + i + 2] * y[yFrom + i + 2];
            d += x[xFrom + i + 3] * y[yFrom + i + 3];
        }
        for (; i < length; i++) {
            a += x[xFrom + i] * y[yFrom + i];
        }
        return (double) a + b + c + d;
    }

    /** Highest normalised correlation found by the last decision (0..1). */
    public double lastCorrelation() {
        return lastCorrelation;
    }

    /** Delay in ms at which the last decision matched best, or -1 if nothing was compared. */
    public int lastLagMs() {
        return lastLagMs;
    }

    /** Forgets both histories, e.g. at the start of a new stream. */
    public void reset() {
        played.reset();
        inbound.reset();
        lastCorrelation = 0;
        lastLagMs = -1;
    }

    /**
     * History of box-averaged samples. Each sample is written twice, {@code capacity} apart, so any window of up to
     * {@code capacity} samples is contiguous and the inner loops need no modulo.
     */
    private static final class DecimatedRing {
        final float[] data;
        final int capacity;
        final int decimation;
        private long written;
        private int next;
        private int partialSum;
        private int partialCount;

        DecimatedRing(int capacity, int decimation) {
            this.capacity = capacity;
            this.decimation = decimation;
            this.data = new float[2 * capacity];
        }

        void append(byte[] pcm, int offset, int length) {
            int end = offset + (length & ~1);
            for (int i = offset; i < end; i += 2) {
                partialSum += Pcm16.sample(pcm, i);
                if (++partialCount == decimation) {
                    push((float) partialSum / decimation);
                    partialSum = 0;
                    partialCount = 0;
                }
            }
        }

        void padWithSilenceUntil(long target) {
            long missing = Math.min(target - written, capacity);
            for (long k = 0; k < missing; k++) {
                push(0);
            }
            written = Math.max(written, target);
        }

        /** Index in {@link #data} of the first of the newest {@code length} samples. */
        int windowStart(int length) {
            return next + capacity - length;
        }

        long written() {
            return written;
        }

        void reset() {
            java.util.Arrays.fill(data, 0);
            written = 0;
            next = 0;
            partialSum = 0;
            partialCount = 0;
        }

        private void push(float sample) {
            data[next] = sample;
            data[next + capacity] = sample;
            next = next + 1 == capacity ? 0 : next + 1;
            written++;
        }
    }
}
