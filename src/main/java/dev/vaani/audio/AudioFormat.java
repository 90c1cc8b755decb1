package dev.vaani.audio;

/** Mono 16-bit signed little-endian PCM at a given sample rate: the only sample layout the call pipeline uses. */
public record AudioFormat(int sampleRate) {

    /** Exotel's default (PSTN) rate. */
    public static final AudioFormat PHONE_8K = new AudioFormat(8000);
    public static final AudioFormat WIDEBAND_16K = new AudioFormat(16000);
    public static final AudioFormat HD_24K = new AudioFormat(24000);

    public static final int BYTES_PER_SAMPLE = 2;

    public AudioFormat {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        }
    }

    public int bytesPerSecond() {
        return sampleRate * BYTES_PER_SAMPLE;
    }

    /** Samples in {@code ms} of audio; fails when that is not a whole number, so frame sizes never drift. */
    public int samples(int ms) {
        long scaled = (long) sampleRate * ms;
        if (ms < 0 || scaled % 1000 != 0) {
            throw new IllegalArgumentException(ms + " ms is not a whole number of samples at " + sampleRate + " Hz");
        }
        return (int) (scaled / 1000);
    }

    /** Bytes in {@code ms} of audio (e.g. 320 for 20 ms at 8 kHz). */
    public int frameBytes(int ms) {
        return samples(ms) * BYTES_PER_SAMPLE;
    }

    /** Duration of {@code bytes} of audio in milliseconds, rounded down. */
    public long millis(long bytes) {
        return bytes * 1000 / bytesPerSecond();
    }

    /** Duration of {@code bytes} of audio in milliseconds, exact. */
    public double exactMillis(long bytes) {
        return bytes * 1000.0 / bytesPerSecond();
    }
}
