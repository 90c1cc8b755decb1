package dev.vaani.audio;

/** Static helpers over PCM16LE mono byte arrays; nothing here allocates except {@link #silence}. */
public final class Pcm16 {

    private Pcm16() {
    }

    /** The signed sample whose low byte is at {@code byteOffset}. */
    public static short sample(byte[] pcm, int byteOffset) {
        return (short) ((pcm[byteOffset] & 0xFF) | (pcm[byteOffset + 1] << 8));
    }

    public static void putSample(byte[] pcm, int byteOffset, int sample) {
        int clipped = clip(sample);
        pcm[byteOffset] = (byte) clipped;
        pcm[byteOffset + 1] = (byte) (clipped >> 8);
    }

    /** Saturates to the 16-bit range: wrap-around would turn a loud peak into a loud click. */
    public static int clip(int sample) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }

    /** Root-mean-square amplitude of the byte range's samples (0 if empty); a trailing odd byte is ignored. */
    public static double rms(byte[] pcm, int offset, int length) {
        int samples = length / 2;
        if (samples == 0) {
            return 0;
        }
        long sumOfSquares = 0;
        int end = offset + samples * 2;
        for (int i = offset; i < end; i += 2) {
            int s = sample(pcm, i);
            sumOfSquares += (long) s * s;
        }
        return Math.sqrt((double) sumOfSquares / samples);
    }

    /** Largest absolute sample value in the byte range. */
    public static int peak(byte[] pcm, int offset, int length) {
        int peak = 0;
        int end = offset + (length / 2) * 2;
        for (int i = offset; i < end; i += 2) {
            peak = Math.max(peak, Math.abs(sample(pcm, i)));
        }
        return peak;
    }

    /** A new buffer of {@code ms} of digital silence. */
    public static byte[] silence(AudioFormat format, int ms) {
        return new byte[format.frameBytes(ms)];
    }

    /** Root mean square level of a whole buffer, 0..32768. */
    public static double rms(byte[] pcm) {
        return rms(pcm, 0, pcm.length);
    }

    /** Samples of {@code length} bytes (even) from {@code offset}. */
    public static short[] toSamples(byte[] pcm, int offset, int length) {
        short[] samples = new short[length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = sample(pcm, offset + 2 * i);
        }
        return samples;
    }

    /** Bytes of {@code samples[from..to)}. */
    public static byte[] toBytes(short[] samples, int from, int to) {
        byte[] pcm = new byte[2 * (to - from)];
        for (int i = from; i < to; i++) {
            pcm[2 * (i - from)] = (byte) samples[i];
            pcm[2 * (i - from) + 1] = (byte) (samples[i] >> 8);
        }
        return pcm;
    }
}
