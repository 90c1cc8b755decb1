package dev.vaani.speech.offline;

/** PCM16LE byte and sample conversions shared by the offline engines. */
final class Pcm16 {

    private Pcm16() {
    }

    /** {@code length} must be even. */
    static short[] toSamples(byte[] pcm, int offset, int length) {
        var samples = new short[length / 2];
        for (int i = 0; i < samples.length; i++) {
            int at = offset + 2 * i;
            samples[i] = (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8));
        }
        return samples;
    }

    static byte[] toBytes(short[] samples, int from, int to) {
        var pcm = new byte[2 * (to - from)];
        for (int i = from; i < to; i++) {
            pcm[2 * (i - from)] = (byte) samples[i];
            pcm[2 * (i - from) + 1] = (byte) (samples[i] >> 8);
        }
        return pcm;
    }
}
