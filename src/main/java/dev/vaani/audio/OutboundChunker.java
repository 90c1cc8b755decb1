package dev.vaani.audio;

import java.util.Arrays;

/**
 * Regroups outbound PCM16LE (arriving from TTS in any sizes) into chunks a carrier plays without gaps: the sizes its
 * {@link ChunkRule} allows, and whole 20 ms frames at the stream's rate. The buffer is reused across appends. One per
 * outbound stream; not thread-safe.
 */
public final class OutboundChunker {

    private final int step;
    private final int minChunkBytes;
    private final int chunkBytes;
    private byte[] buffer;
    /** {@link #nextChunkReused()}'s array, made at the first full chunk. */
    private byte[] reusedChunk;
    private int start;
    private int end;

    /** Chunks of about {@code targetMs} of audio, rounded up to the nearest legal size. */
    public OutboundChunker(AudioFormat format, ChunkRule rule, int targetMs) {
        int frame = format.frameBytes(20);
        step = lcm(rule.alignmentBytes(), frame);
        if (step > rule.maxBytes()) {
            throw new IllegalArgumentException("no legal chunk size at " + format.sampleRate() + " Hz: 20 ms frames of "
                    + frame + " bytes never align with " + rule.alignmentBytes() + " bytes below " + rule.maxBytes());
        }
        minChunkBytes = roundUp(rule.minBytes(), step);
        int maxChunkBytes = rule.maxBytes() / step * step;
        long target = (long) format.bytesPerSecond() * Math.max(0, targetMs) / 1000;
        chunkBytes = (int) Math.max(minChunkBytes, Math.min(maxChunkBytes, roundUp(target, step)));
        buffer = new byte[2 * chunkBytes];
    }

    /** Size of every full chunk. */
    public int chunkBytes() {
        return chunkBytes;
    }

    /** Smallest legal chunk at this rate; {@link #flush()} pads short tails up to it. */
    public int minChunkBytes() {
        return minChunkBytes;
    }

    /** Every chunk is a multiple of this (lcm of the rule's alignment and a 20 ms frame). */
    public int alignmentBytes() {
        return step;
    }

    public int bufferedBytes() {
        return end - start;
    }

    public void append(byte[] pcm, int offset, int length) {
        if (end + length > buffer.length) {
            makeRoom(length);
        }
        System.arraycopy(pcm, offset, buffer, end, length);
        end += length;
    }

    /** The next full chunk, or null while less than a chunk is buffered. */
    public byte[] nextChunk() {
        if (end - start < chunkBytes) {
            return null;
        }
        return take(chunkBytes);
    }

    /**
     * As {@link #nextChunk()}, but in an array this chunker reuses: valid only until its next call, for a consumer
     * that is done with the chunk when it returns. Saves an array per chunk on a path that sends one every 200 ms.
     */
    public byte[] nextChunkReused() {
        if (end - start < chunkBytes) {
            return null;
        }
        if (reusedChunk == null) {
            reusedChunk = new byte[chunkBytes];
        }
        System.arraycopy(buffer, start, reusedChunk, 0, chunkBytes);
        consumed(chunkBytes);
        return reusedChunk;
    }

    /**
     * At the end of an utterance: the next chunk, the last one zero-padded to a legal size (silence is harmless,
     * a short chunk is not). Call until it returns null.
     */
    public byte[] flush() {
        int buffered = end - start;
        if (buffered == 0) {
            return null;
        }
        if (buffered >= chunkBytes) {
            return take(chunkBytes);
        }
        byte[] chunk = new byte[Math.max(minChunkBytes, roundUp(buffered, step))];
        System.arraycopy(buffer, start, chunk, 0, buffered);
        start = end = 0;
        return chunk;
    }

    /** Drops everything buffered, e.g. on barge-in. */
    public void clear() {
        start = end = 0;
    }

    private byte[] take(int size) {
        byte[] chunk = Arrays.copyOfRange(buffer, start, start + size);
        consumed(size);
        return chunk;
    }

    private void consumed(int size) {
        start += size;
        if (start == end) {
            start = end = 0;
        }
    }

    private void makeRoom(int incoming) {
        int buffered = end - start;
        if (buffered + incoming > buffer.length) {
            buffer = Arrays.copyOf(Arrays.copyOfRange(buffer, start, end),
                    Math.max(2 * buffer.length, buffered + incoming));
        } else {
            System.arraycopy(buffer, start, buffer, 0, buffered);
        }
        start = 0;
        end = buffered;
    }

    private static int roundUp(long value, int multiple) {
        return (int) ((value + multiple - 1) / multiple * multiple);
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
