package dev.vaani.audio;

import java.util.Random;

/** Synthetic test signals as PCM16LE. */
final class Signals {

    private Signals() {
    }

    static byte[] sine(int rate, double hz, double amplitude, int ms) {
        int n = rate * ms / 1000;
        byte[] pcm = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            Pcm16.putSample(pcm, 2 * i, (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return pcm;
    }

    static byte[] noise(int rate, double rms, int ms, long seed) {
        Random random = new Random(seed);
        int n = rate * ms / 1000;
        byte[] pcm = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            Pcm16.putSample(pcm, 2 * i, (int) Math.round(random.nextGaussian() * rms));
        }
        return pcm;
    }

    /** Noise with a 4 Hz syllable-like envelope, low-passed a little: crude but speech-shaped in time. */
    static byte[] speechLike(int rate, double rms, int ms, long seed) {
        Random random = new Random(seed);
        int n = rate * ms / 1000;
        byte[] pcm = new byte[n * 2];
        double smoothed = 0;
        double phase = random.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            smoothed = 0.6 * smoothed + 0.4 * random.nextGaussian();
            double envelope = 0.3 + 0.7 * Math.abs(Math.sin(2 * Math.PI * 4 * i / rate + phase));
            Pcm16.putSample(pcm, 2 * i, (int) Math.round(smoothed * envelope * rms * 2.2));
        }
        return pcm;
    }

    static byte[] scaled(byte[] pcm, double gain) {
        byte[] out = new byte[pcm.length];
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            Pcm16.putSample(out, i, (int) Math.round(Pcm16.sample(pcm, i) * gain));
        }
        return out;
    }

    /** Delays by prepending silence, keeping the length. */
    static byte[] delayed(byte[] pcm, int rate, int ms) {
        int shift = rate * ms / 1000 * 2;
        byte[] out = new byte[pcm.length];
        System.arraycopy(pcm, 0, out, shift, pcm.length - shift);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] out = new byte[total];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Amplitude of the {@code hz} component, by correlating with a sine and cosine (a one-bin DFT). */
    static double toneAmplitude(byte[] pcm, int rate, double hz) {
        int n = pcm.length / 2;
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
            double s = Pcm16.sample(pcm, 2 * i);
            re += s * Math.cos(2 * Math.PI * hz * i / rate);
            im += s * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return 2 * Math.hypot(re, im) / n;
    }

    static byte[] middle(byte[] pcm, double fractionTrimmedEachSide) {
        int samples = pcm.length / 2;
        int trim = (int) (samples * fractionTrimmedEachSide);
        byte[] out = new byte[(samples - 2 * trim) * 2];
        System.arraycopy(pcm, trim * 2, out, 0, out.length);
        return out;
    }
}
