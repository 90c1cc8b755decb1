package dev.vaani.speech.deepgram;

import dev.vaani.audio.AudioBacklog;
import io.micrometer.core.instrument.Metrics;
import java.util.function.Consumer;

/**
 * The caller's audio on its way to Deepgram, bounded twice so a stalled or absent Deepgram costs no more memory than
 * that: audio handed to the socket whose send has not completed, and audio waiting for the socket (while it connects,
 * or while too much is in flight). Waiting audio keeps the most recent: late audio is still the caller's current words.
 * Not thread-safe: {@link DeepgramStream} calls it under its lock.
 */
final class OutgoingAudio {

    private final int limitBytes;
    private final AudioBacklog waiting;
    private final Consumer<byte[]> toSocket;
    private int inFlightBytes;

    /** @param toSocket sends one chunk and calls {@link #sent} when that send completes */
    OutgoingAudio(int limitBytes, Consumer<byte[]> toSocket) {
        this.limitBytes = limitBytes;
        this.waiting = new AudioBacklog(limitBytes);
        this.toSocket = toSocket;
    }

    /** Sends the chunk now if the socket is open and nothing older waits, else keeps it waiting. */
    void offer(byte[] chunk, boolean socketOpen) {
        if (!socketOpen || inFlightBytes >= limitBytes || !waiting.isEmpty()) {
            int dropped = waiting.add(chunk);
            if (dropped > 0) {
                Metrics.counter("vaani.speech.audio.dropped.bytes", "queue", "deepgram").increment(dropped);
            }
        } else {
            sendNow(chunk);
        }
    }

    /** A send of {@code length} bytes completed, or failed: either way it is no longer in flight. */
    void sent(int length) {
        inFlightBytes -= length;
    }

    /** Hands waiting audio to the open socket while the in-flight budget allows. */
    void drain() {
        while (!waiting.isEmpty() && inFlightBytes < limitBytes) {
            sendNow(waiting.poll());
        }
    }

    void clear() {
        waiting.clear();
    }

    private void sendNow(byte[] chunk) {
        inFlightBytes += chunk.length;
        toSocket.accept(chunk);
    }
}
