package dev.vaani.telephony.exotel;

import dev.vaani.audio.AudioFormat;
import java.util.Arrays;

/**
 * Regroups outbound PCM16LE (arriving from TTS in any sizes) into chunks Exotel plays without gaps: at least 3200 and
 * at most 100000 bytes, a multiple of 320 bytes, and whole 20 ms frames at the stream's rate. Exotel states these
 * byte rules for 8 kHz only; keeping them at every rate is the reading that is safe under both interpretations.
 * The buffer is reused across appends. One per outbound stream; not thread-safe.
 */
public final class OutboundChunker {

    /** Exotel's byte rules. */
    public static final int MIN_CHUNK_BYTES = 3200;
    public static final int MAX_CHUNK_BYTES = 100_000;
    public static final int ALIGNMENT_BYTES = 320;
    public static final int DEFAULT_TARGET_MS = 200;

    private final int step;
    private final int minChunkBytes;
    private final int chunkBytes;
    private byte[] buffer;
    private int start;
    private int end;

    /** Chunks of about {@code targetMs} of audio, rounded up to the nearest legal size. */
    public OutboundChunker(AudioFormat format, int targetMs) {
        int frame = format.frameBytes(20);
        step = lcm(ALIGNMENT_BYTES, frame);
        if (step > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("no legal Exotel chunk size at " + format.sampleRate()
                    + " Hz: 20 ms frames of " + frame + " bytes never align with 320 bytes below 100000");
        }
        minChunkBytes = roundUp(MIN_CHUNK_BYTES, step);
        int maxChunkBytes = MAX_CHUNK_BYTES / step * step;
        long target = (long) format.bytesPerSecond() * Math.max(0, targetMs) / 1000;
        chunkBytes = (int) Math.max(minChunkBytes, Math.min(maxChunkBytes, roundUp(target, step)));
        buffer = new byte[2 * chunkBytes];
    }

    public OutboundChunker(AudioFormat format) {
        this(format, DEFAULT_TARGET_MS);
    }

    /** Size of every full chunk. */
    public int chunkBytes() {
        return chunkBytes;
    }

    /** Smallest legal chunk at this rate; {@link #flush()} pads short tails up to it. */
    public int minChunkBytes() {
        return minChunkBytes;
    }

    /** Every chunk is a multiple of this (lcm of 320 bytes and a 20 ms frame). */
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
        start += size;
        if (start == end) {
            start = end = 0;
        }
        return chunk;
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
