package dev.vaani.speech;

/** The most recent audio of the current utterance, up to a fixed size: a ring that forgets the oldest bytes. */
final class UtteranceBuffer {

    private final byte[] ring;
    private int start;
    private int size;

    UtteranceBuffer(int capacityBytes) {
        this.ring = new byte[Math.max(2, capacityBytes & ~1)]; // even, so samples stay whole
    }

    void append(byte[] pcm, int offset, int length) {
        if (length >= ring.length) {
            System.arraycopy(pcm, offset + length - ring.length, ring, 0, ring.length);
            start = 0;
            size = ring.length;
            return;
        }
        // Two block copies (the write may wrap once), then drop as many of the oldest bytes as overflowed.
        int capacity = ring.length;
        int write = (start + size) % capacity;
        int first = Math.min(length, capacity - write);
        System.arraycopy(pcm, offset, ring, write, first);
        System.arraycopy(pcm, offset + first, ring, 0, length - first);
        int overflow = size + length - capacity;
        if (overflow > 0) {
            start = (start + overflow) % capacity;
            size = capacity;
        } else {
            size += length;
        }
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

    @Override
    public String toString() {
        return "UtteranceBuffer[" + size + "/" + ring.length + " bytes]";
    }
}
