package dev.vaani.audio;

/**
 * Tells a held tone — a horn, a pressure cooker's whistle, mains hum — from a voice, window by window. Silero takes a
 * horn's buzzy held note for speech; but a voice's pitch and formants move from one 32 ms window to the next, while a
 * horn's partials stay where they are. A window's partials are its strongest spectral peaks from 250 to 3500 Hz
 * (within 25 dB of its loudest, at most six); it holds them when each lies within 0.6 % of a partial of the window
 * before, and three holding windows in a row are a held tone (docs/turn-taking.md, steps 43 and 44: no window of any
 * evaluation caller's sentence or backchannel holds them so long).
 *
 * <p>One 1024-point FFT a window, on buffers made once. One per call; not thread-safe.
 */
final class HeldTone {

    static final int STEPS = 3;
    private static final int FFT = 1024;
    private static final double LOW_HZ = 250;
    private static final double HIGH_HZ = 3500;
    private static final double WITHIN_DB = 25;
    private static final int MOST_PARTIALS = 6;
    private static final double TOLERANCE = 0.006;
    private static final int MOST_PEAKS = FFT / 2;

    private final int sampleRate;
    private final int firstBin;
    private final int lastBin;
    private final float[] hann;
    private final double[] re = new double[FFT];
    private final double[] im = new double[FFT];
    private final double[] cos = new double[FFT / 2];
    private final double[] sin = new double[FFT / 2];
    private final int[] reversed = new int[FFT];
    private final double[] levelDb = new double[FFT / 2 + 1];
    private final int[] peaks = new int[MOST_PEAKS];
    private double[] partials = new double[MOST_PARTIALS];
    private double[] previous = new double[MOST_PARTIALS];
    private int partialCount;
    private int previousCount;
    private int heldSteps;

    /** For windows of {@code windowSamples} at {@code sampleRate} (8000 or 16000 Hz: 256 or 512 samples). */
    HeldTone(int sampleRate, int windowSamples) {
        if (windowSamples > FFT) {
            throw new IllegalArgumentException("a window of " + windowSamples + " samples does not fit the FFT");
        }
        this.sampleRate = sampleRate;
        this.firstBin = (int) Math.ceil(LOW_HZ * FFT / sampleRate);
        this.lastBin = Math.min(FFT / 2 - 1, (int) Math.floor(HIGH_HZ * FFT / sampleRate));
        this.hann = new float[windowSamples];
        for (int i = 0; i < windowSamples; i++) {
            hann[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / windowSamples));
        }
        for (int i = 0; i < FFT / 2; i++) {
            cos[i] = Math.cos(-2 * Math.PI * i / FFT);
            sin[i] = Math.sin(-2 * Math.PI * i / FFT);
        }
        int bits = Integer.numberOfTrailingZeros(FFT);
        for (int i = 0; i < FFT; i++) {
            reversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
    }

    /** Whether this window, after the ones before it, is part of a held tone. */
    boolean next(float[] samples) {
        findPartials(samples);
        boolean holds = partialCount > 0 && previousCount > 0 && everyPartialHeld();
        heldSteps = holds ? heldSteps + 1 : 0;
        double[] swap = previous;
        previous = partials;
        partials = swap;
        previousCount = partialCount;
        return heldSteps >= STEPS;
    }

    /** A window not looked at (too quiet to matter) ends any held run. */
    void skip() {
        heldSteps = 0;
        previousCount = 0;
    }

    private boolean everyPartialHeld() {
        for (int i = 0; i < partialCount; i++) {
            double nearest = Double.MAX_VALUE;
            for (int j = 0; j < previousCount; j++) {
                nearest = Math.min(nearest, Math.abs(previous[j] - partials[i]));
            }
            if (nearest / partials[i] >= TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private void findPartials(float[] samples) {
        for (int i = 0; i < FFT; i++) {
            int from = reversed[i];
            re[i] = from < hann.length ? samples[from] * hann[from] : 0;
            im[i] = 0;
        }
        transform();
        double loudest = -Double.MAX_VALUE;
        for (int k = firstBin - 1; k <= lastBin + 1; k++) {
            levelDb[k] = 10 * Math.log10(re[k] * re[k] + im[k] * im[k] + 1e-20);
        }
        int found = 0;
        for (int k = firstBin; k <= lastBin && found < MOST_PEAKS; k++) {
            if (levelDb[k] > levelDb[k - 1] && levelDb[k] >= levelDb[k + 1]) {
                peaks[found++] = k;
                loudest = Math.max(loudest, levelDb[k]);
            }
        }
        partialCount = 0;
        // the strongest few, loudest first: a selection over the handful of peaks a window has
        while (partialCount < MOST_PARTIALS) {
            int best = -1;
            for (int i = 0; i < found; i++) {
                if (peaks[i] >= 0 && (best < 0 || levelDb[peaks[i]] > levelDb[peaks[best]])) {
                    best = i;
                }
            }
            if (best < 0 || levelDb[peaks[best]] <= loudest - WITHIN_DB) {
                break;
            }
            partials[partialCount++] = frequency(peaks[best]);
            peaks[best] = -1;
        }
    }

    /** The peak's frequency between bins, from the parabola through its level and its neighbours'. */
    private double frequency(int k) {
        double a = levelDb[k - 1];
        double b = levelDb[k];
        double c = levelDb[k + 1];
        double curve = a - 2 * b + c;
        double offset = curve == 0 ? 0 : 0.5 * (a - c) / curve;
        return (k + offset) * sampleRate / FFT;
    }

    /** In-place iterative radix-2 FFT of re/im, already in bit-reversed order. */
    private void transform() {
        for (int size = 2; size <= FFT; size <<= 1) {
            int half = size >> 1;
            int step = FFT / size;
            for (int start = 0; start < FFT; start += size) {
                for (int j = 0; j < half; j++) {
                    double wr = cos[j * step];
                    double wi = sin[j * step];
                    int a = start + j;
                    int b = a + half;
                    double tr = wr * re[b] - wi * im[b];
                    double ti = wr * im[b] + wi * re[b];
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
