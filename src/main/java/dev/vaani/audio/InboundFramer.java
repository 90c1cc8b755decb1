package dev.vaani.audio;

/**
 * Cuts inbound audio that arrives in arbitrary sizes (Exotel sends ~100 ms, sometimes 20 ms, never promised) into
 * fixed frames for VAD and STT. Frames are handed to the consumer in a reused buffer or straight from the input
 * array, so nothing is allocated per frame. One instance per call; not thread-safe.
 */
public final class InboundFramer {

    /** Receives each complete frame; the bytes are only valid during the call, copy them to keep them. */
    @FunctionalInterface
    public interface FrameConsumer {
        void onFrame(byte[] buffer, int offset, int length);
    }

    private final int frameBytes;
    private final FrameConsumer consumer;
    private final byte[] partial;
    private int partialLength;

    /** Frames of {@code frameMs} at {@code format}; 20 ms is the usual choice. */
    public InboundFramer(AudioFormat format, int frameMs, FrameConsumer consumer) {
        this.frameBytes = format.frameBytes(frameMs);
        if (frameBytes == 0) {
            throw new IllegalArgumentException("frame of " + frameMs + " ms is empty");
        }
        this.consumer = consumer;
        this.partial = new byte[frameBytes];
    }

    public int frameBytes() {
        return frameBytes;
    }

    /** Bytes waiting for the rest of their frame. */
    public int pendingBytes() {
        return partialLength;
    }

    /** Drops the incomplete frame, e.g. after a stream restart. */
    public void reset() {
        partialLength = 0;
    }

    /** Adds audio and emits every frame it completes, in order. */
    public void append(byte[] pcm, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (partialLength > 0) {
            int take = Math.min(frameBytes - partialLength, end - i);
            System.arraycopy(pcm, i, partial, partialLength, take);
            partialLength += take;
            i += take;
            if (partialLength < frameBytes) {
                return;
            }
            partialLength = 0;
            consumer.onFrame(partial, 0, frameBytes);
        }
        // Whole frames inside the input need no copy.
        while (end - i >= frameBytes) {
            consumer.onFrame(pcm, i, frameBytes);
            i += frameBytes;
        }
        System.arraycopy(pcm, i, partial, 0, end - i);
        partialLength = end - i;
    }
}
