package dev.vaani.audio;

/**
 * Joins PCM16 audio that arrives split at arbitrary bytes (HTTP chunks, socket messages, Exotel media frames) back
 * into whole 2-byte samples: an odd trailing byte is held back and put in front of the next piece. Dropping or
 * passing on a piece with an odd length instead would shift every later sample by a byte, turning speech into noise.
 * One instance per stream; not thread-safe.
 */
public final class WholeSamples {

    private static final byte[] NONE = new byte[0];

    private int carried = -1;

    /** The whole samples of {@code length} bytes from {@code offset}, after any carried byte; always a new array. */
    public byte[] next(byte[] buffer, int offset, int length) {
        int start = carried >= 0 ? 1 : 0;
        int total = start + length;
        int whole = total & ~1;
        if (whole == 0) {
            carried = total == 1 ? (start == 1 ? carried : buffer[offset] & 0xff) : -1;
            return NONE;
        }
        byte[] out = new byte[whole];
        if (start == 1) {
            out[0] = (byte) carried;
        }
        System.arraycopy(buffer, offset, out, start, whole - start);
        carried = total % 2 == 1 ? buffer[offset + length - 1] & 0xff : -1;
        return out;
    }

    /**
     * The whole samples of a piece the caller hands over and will not touch again: the piece itself when nothing is
     * carried and its length is even (every piece, on a carrier that keeps samples whole), else a new array.
     */
    public byte[] nextOwned(byte[] piece) {
        if (carried < 0 && piece.length % 2 == 0) {
            return piece;
        }
        return next(piece, 0, piece.length);
    }

    /** Whether a byte is waiting for the rest of its sample. */
    public boolean hasCarry() {
        return carried >= 0;
    }

    @Override
    public String toString() {
        return "WholeSamples[carry=" + hasCarry() + "]";
    }
}
