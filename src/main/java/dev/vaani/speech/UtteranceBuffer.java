package dev.vaani.speech;

/**
 * The most recent audio of the current utterance, up to a fixed size: a ring that forgets the oldest bytes. It starts
 * small and grows only as far as an utterance needs, because it is cleared at every final and most utterances last a
 * few seconds, while the capacity (30 s by default, 480 KB at 8 kHz) would otherwise be held by every live call.
 */
final class UtteranceBuffer {

    static final int INITIAL_BYTES = 32 * 1024;

    private final int capacity;
    private byte[] ring;
    private int start;
    private int size;

    UtteranceBuffer(int capacityBytes) {
        this.capacity = Math.max(2, capacityBytes & ~1); // even, so samples stay whole
        this.ring = new byte[Math.min(capacity, INITIAL_BYTES)];
    }

    void append(byte[] pcm, int offset, int length) {
        if (size + length > ring.length && ring.length < capacity) {
            grow(size + length);
        }
        if (length >= ring.length) {
            System.arraycopy(pcm, offset + length - ring.length, ring, 0, ring.length);
            start = 0;
            size = ring.length;
            return;
        }
        // Two block copies (the write may wrap once), then drop as many of the oldest bytes as overflowed.
        int ringLength = ring.length;
        int write = (start + size) % ringLength;
        int first = Math.min(length, ringLength - write);
        System.arraycopy(pcm, offset, ring, write, first);
        System.arraycopy(pcm, offset + first, ring, 0, length - first);
        int overflow = size + length - ringLength;
        if (overflow > 0) {
            start = (start + overflow) % ringLength;
            size = ringLength;
        } else {
            size += length;
        }
    }

    private void grow(int needed) {
        int newLength = (int) Math.min(capacity, (Math.max(needed, 2L * ring.length) + 1) & ~1);
        byte[] bigger = new byte[newLength];
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, size - first);
        ring = bigger;
        start = 0;
    }

    byte[] snapshot() {
        byte[] out = new byte[size];
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, size - first);
        return out;
    }

    void clear() {
        start = 0;
        size = 0;
    }

    int size() {
        return size;
    }

    int allocatedBytes() {
        return ring.length;
    }

    @Override
    public String toString() {
        return "UtteranceBuffer[" + size + "/" + capacity + " bytes]";
    }
}
