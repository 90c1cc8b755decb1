package dev.vaani.telephony.exotel;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Payload arrays a call has finished with, for the stream's next media frames to decode into. A frame's payload is
 * read on the call's own serial executor, after the socket's thread has moved on, so it cannot be one reused buffer;
 * instead the executor gives each array back once the frame is consumed, and the socket's thread takes it again.
 * Every consumer of a frame's audio copies what it keeps past the frame (speech-to-text streams, the framer's partial
 * frame, the batched VAD's waiting frames, the echo reference), so an array given back is free.
 *
 * <p>Safe for one thread giving back while another takes: a few slots, each emptied and filled by an atomic swap,
 * so neither side ever waits or allocates. Arrays of another length than asked for are dropped: a call's frames keep
 * one size.
 */
final class PayloadArrays {

    /** Frames in flight between the socket and the call's executor: one or two, more only while it lags. */
    private static final int SLOTS = 4;

    private final AtomicReferenceArray<byte[]> free = new AtomicReferenceArray<>(SLOTS);

    /** A given-back array of exactly {@code length} bytes (its old content still in it), or a new one. */
    byte[] take(int length) {
        for (int i = 0; i < SLOTS; i++) {
            if (free.get(i) != null) {
                byte[] array = free.getAndSet(i, null);
                if (array != null && array.length == length) {
                    return array;
                }
            }
        }
        return new byte[length];
    }

    /** The array is no longer read by anyone; kept if a slot is free, else left to the collector. */
    void giveBack(byte[] array) {
        for (int i = 0; i < SLOTS; i++) {
            if (free.get(i) == null && free.compareAndSet(i, null, array)) {
                return;
            }
        }
    }
}
