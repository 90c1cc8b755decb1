package dev.vaani.simulator;

/** Little-endian signed 16-bit sample helpers. */
final class Pcm16 {

    private Pcm16() {
    }

    static int sample(byte[] pcm, int byteOffset) {
        return (short) ((pcm[byteOffset] & 0xFF) | (pcm[byteOffset + 1] << 8));
    }

    static void put(byte[] pcm, int byteOffset, int value) {
        int v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
        pcm[byteOffset] = (byte) v;
        pcm[byteOffset + 1] = (byte) (v >> 8);
    }

    /** Root mean square level, 0..32768; lets tests and reports tell speech from silence. */
    static double rms(byte[] pcm) {
        if (pcm.length < 2) {
            return 0;
        }
        double sum = 0;
        int n = pcm.length / 2;
        for (int i = 0; i < n; i++) {
            double s = sample(pcm, i * 2);
            sum += s * s;
        }
        return Math.sqrt(sum / n);
    }
}
