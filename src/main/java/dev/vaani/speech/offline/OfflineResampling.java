package dev.vaani.speech.offline;

/**
 * Stop-gap PCM16 resampler for the offline engines until the shared dev.vaani.audio.Resampler lands; meant to be
 * replaced by it. Low-passes with a short windowed-sinc filter before decimating (so 16 kHz synthesis does not alias
 * into an 8 kHz call), then interpolates linearly.
 */
final class OfflineResampling {

    private static final int HALF_TAPS = 16;

    private OfflineResampling() {
    }

    static short[] resample(short[] samples, int fromRate, int toRate) {
        if (fromRate == toRate || samples.length == 0) {
            return samples;
        }
        double[] source = toRate < fromRate ? lowPass(samples, 0.45 * toRate / fromRate) : toDouble(samples);
        int length = (int) ((long) samples.length * toRate / fromRate);
        var out = new short[length];
        double step = (double) fromRate / toRate;
        for (int i = 0; i < length; i++) {
            double position = i * step;
            int left = (int) position;
            int right = Math.min(left + 1, source.length - 1);
            double fraction = position - left;
            out[i] = clip(source[left] * (1 - fraction) + source[right] * fraction);
        }
        return out;
    }

    /** Windowed-sinc low-pass with {@code cutoff} as a fraction of the sample rate. */
    private static double[] lowPass(short[] samples, double cutoff) {
        var taps = new double[2 * HALF_TAPS + 1];
        double sum = 0;
        for (int k = -HALF_TAPS; k <= HALF_TAPS; k++) {
            double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
            double hann = 0.5 + 0.5 * Math.cos(Math.PI * k / (HALF_TAPS + 1));
            taps[k + HALF_TAPS] = sinc * hann;
            sum += taps[k + HALF_TAPS];
        }
        var filtered = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            double acc = 0;
            for (int k = -HALF_TAPS; k <= HALF_TAPS; k++) {
                int j = i + k;
                if (j >= 0 && j < samples.length) {
                    acc += samples[j] * taps[k + HALF_TAPS];
                }
            }
            filtered[i] = acc / sum;
        }
        return filtered;
    }

    private static double[] toDouble(short[] samples) {
        var out = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i];
        }
        return out;
    }

    private static short clip(double value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
}
