package dev.vaani.speech.elevenlabs;

/**
 * HTTP chunks split audio anywhere, but a PCM16 sink must get whole 2-byte samples: an odd trailing byte is held back
 * and put in front of the next chunk.
 */
final class WholeSamples {

    private int carried = -1;

    /** The whole samples available after reading {@code n} bytes into {@code buffer}; empty if none. */
    byte[] next(byte[] buffer, int n) {
        int start = carried >= 0 ? 1 : 0;
        int total = start + n;
        int whole = total & ~1;
        byte[] out = new byte[whole];
        if (whole > 0) {
            if (start == 1) {
                out[0] = (byte) carried;
            }
            System.arraycopy(buffer, 0, out, start, whole - start);
        }
        if (total % 2 == 1) {
            carried = buffer[n - 1] & 0xff;
        } else {
            carried = -1;
        }
        return whole == 0 ? new byte[0] : out;
    }

    boolean hasCarry() {
        return carried >= 0;
    }

    @Override
    public String toString() {
        return "WholeSamples[carry=" + hasCarry() + "]";
    }
}
