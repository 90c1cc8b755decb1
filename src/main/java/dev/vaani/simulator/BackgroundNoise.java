package dev.vaani.simulator;

import dev.vaani.audio.Pcm16;
import java.util.Random;

/**
 * Steady background noise on the caller's side for the whole call (a street, a shop, a car): mixed into every frame
 * the caller sends, speech and silence alike, at a fixed level in dBFS. Either a recorded noise bed played in a
 * loop, or generated rumble (white noise, low-passed a little so it sounds like traffic rather than hiss).
 */
final class BackgroundNoise {

    private static final double FULL_SCALE = 32768;
    private static final double SMOOTHING = 0.5;

    private final byte[] bed;
    private final double gain;
    private final Random random;
    private final double sigma;
    private int bedOffset;
    private double smoothed;

    private BackgroundNoise(byte[] bed, double gain, Random random, double sigma) {
        this.bed = bed;
        this.gain = gain;
        this.random = random;
        this.sigma = sigma;
    }

    /** Generated noise whose RMS is {@code dbfs}. */
    static BackgroundNoise generated(double dbfs, long seed) {
        // a one-pole low-pass keeps (1-a)/(1+a) of white noise's power: scale the input up to land on the level
        double sigma = FULL_SCALE * Math.pow(10, dbfs / 20) * Math.sqrt((1 + SMOOTHING) / (1 - SMOOTHING));
        return new BackgroundNoise(null, 0, new Random(seed), sigma);
    }

    /** {@code bed} (PCM16LE at the call's rate) looped and scaled so its RMS is {@code dbfs}. */
    static BackgroundNoise looped(byte[] bed, double dbfs) {
        double rms = Pcm16.rms(bed);
        if (rms < 1) {
            throw new IllegalArgumentException("the noise bed is silent");
        }
        return new BackgroundNoise(bed, FULL_SCALE * Math.pow(10, dbfs / 20) / rms, null, 0);
    }

    /** Adds the next stretch of noise to {@code frame} (PCM16LE), clipping at full scale. */
    void mixInto(byte[] frame) {
        for (int i = 0; i + 1 < frame.length; i += 2) {
            Pcm16.putSample(frame, i, Pcm16.sample(frame, i) + (int) Math.round(next()));
        }
    }

    private double next() {
        if (bed != null) {
            double sample = Pcm16.sample(bed, bedOffset) * gain;
            bedOffset = (bedOffset + 2) % (bed.length - bed.length % 2);
            return sample;
        }
        smoothed = SMOOTHING * smoothed + (1 - SMOOTHING) * random.nextGaussian() * sigma;
        return smoothed;
    }
}
