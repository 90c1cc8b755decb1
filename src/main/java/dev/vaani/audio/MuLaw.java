package dev.vaani.audio;

/** ITU-T G.711 μ-law codec (8-bit companded ↔ PCM16LE), for streams that arrive as {@code audio/x-mulaw}. */
public final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODE_TABLE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            DECODE_TABLE[i] = decodeByFormula((byte) i);
        }
    }

    private MuLaw() {
    }

    /** One μ-law byte to a linear sample. */
    public static short decode(byte mulaw) {
        return DECODE_TABLE[mulaw & 0xFF];
    }

    /** Decodes {@code length} μ-law bytes into {@code 2 * length} PCM16LE bytes at {@code pcmOffset}. */
    public static void decode(byte[] mulaw, int offset, int length, byte[] pcm, int pcmOffset) {
        for (int i = 0; i < length; i++) {
            short s = DECODE_TABLE[mulaw[offset + i] & 0xFF];
            pcm[pcmOffset + 2 * i] = (byte) s;
            pcm[pcmOffset + 2 * i + 1] = (byte) (s >> 8);
        }
    }

    /** Decodes a whole μ-law buffer into a new PCM16LE buffer. */
    public static byte[] decode(byte[] mulaw) {
        byte[] pcm = new byte[mulaw.length * 2];
        decode(mulaw, 0, mulaw.length, pcm, 0);
        return pcm;
    }

    /** One linear sample to μ-law. */
    public static byte encode(int sample) {
        int sign = (sample >> 8) & 0x80;
        int magnitude = sign != 0 ? -sample : sample;
        magnitude = Math.min(magnitude, CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Encodes PCM16LE bytes (a trailing odd byte is ignored) into a new μ-law buffer. */
    public static byte[] encode(byte[] pcm, int offset, int length) {
        byte[] mulaw = new byte[length / 2];
        for (int i = 0; i < mulaw.length; i++) {
            mulaw[i] = encode(Pcm16.sample(pcm, offset + 2 * i));
        }
        return mulaw;
    }

    private static short decodeByFormula(byte mulaw) {
        int u = ~mulaw & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }
}
