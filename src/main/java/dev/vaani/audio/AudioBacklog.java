package dev.vaani.audio;

import java.util.ArrayDeque;

/**
 * Caller audio waiting for a slow or absent consumer (a recogniser still connecting, or one that reads slower than
 * the call speaks), bounded in bytes. When full it forgets the oldest audio, keeping the caller's latest words, and
 * says how much it dropped so the caller can count it. Not thread-safe: its owner guards it.
 */
public final class AudioBacklog {

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final int capacityBytes;
    private int bytes;
    private long droppedBytes;

    public AudioBacklog(int capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /**
     * Queues a chunk (kept by reference, not copied); the newest chunk is always kept.
     *
     * @return bytes of older audio dropped to make room, 0 mostly
     */
    public int add(byte[] chunk) {
        chunks.add(chunk);
        bytes += chunk.length;
        int dropped = 0;
        while (bytes > capacityBytes && chunks.size() > 1) {
            byte[] oldest = chunks.poll();
            bytes -= oldest.length;
            dropped += oldest.length;
        }
        droppedBytes += dropped;
        return dropped;
    }

    /** The oldest chunk, or null when empty. */
    public byte[] poll() {
        byte[] chunk = chunks.poll();
        if (chunk != null) {
            bytes -= chunk.length;
        }
        return chunk;
    }

    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    public int bytes() {
        return bytes;
    }

    /** Everything dropped since this backlog was made. */
    public long droppedBytes() {
        return droppedBytes;
    }

    public void clear() {
        chunks.clear();
        bytes = 0;
    }
}
