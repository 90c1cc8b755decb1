package dev.vaani.speech;

import dev.vaani.audio.AudioBacklog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.function.Consumer;

/**
 * The caller's audio on its way to a cloud recogniser, bounded twice so a stalled or absent provider costs no more
 * memory than that: audio handed to the socket whose send has not completed, and audio waiting for the socket (while
 * it connects, or while too much is in flight). Waiting audio keeps the most recent: late audio is still the caller's
 * current words. Not thread-safe: {@link RecognitionSocket} calls it under its lock.
 */
final class OutgoingAudio {

    private final int limitBytes;
    private final AudioBacklog waiting;
    private final Consumer<byte[]> toSocket;
    private final Counter dropped;
    private int inFlightBytes;
    private Runnable afterWaitingAudio;

    /**
     * @param queue    the provider, as the dropped-audio metric names the queue
     * @param toSocket sends one chunk and calls {@link #sent} when that send completes
     */
    OutgoingAudio(String queue, int limitBytes, Consumer<byte[]> toSocket) {
        this.limitBytes = limitBytes;
        this.waiting = new AudioBacklog(limitBytes);
        this.toSocket = toSocket;
        this.dropped = Metrics.counter("vaani.speech.audio.dropped.bytes", "queue", queue);
    }

    /** Sends the chunk now if the socket is open and nothing older waits, else keeps it waiting. */
    void offer(byte[] chunk, boolean socketOpen) {
        if (!socketOpen || inFlightBytes >= limitBytes || !waiting.isEmpty()) {
            int droppedBytes = waiting.add(chunk);
            if (droppedBytes > 0) {
                dropped.increment(droppedBytes);
            }
        } else {
            sendNow(chunk);
        }
    }

    /** A send of {@code length} bytes completed, or failed: either way it is no longer in flight. */
    void sent(int length) {
        inFlightBytes -= length;
    }

    /**
     * Sends a message that must follow the audio offered before it (a recogniser's "finalise now"): at once when the
     * socket is open and no audio waits, else once the waiting audio has gone — sent before it, the provider would
     * finalise without the caller's last words. A newer such message replaces an unsent one.
     */
    void sendAfterWaitingAudio(Runnable send, boolean socketOpen) {
        afterWaitingAudio = send;
        if (socketOpen) {
            drain();
        }
    }

    /** Hands waiting audio to the open socket while the in-flight budget allows, then what waited for it. */
    void drain() {
        while (!waiting.isEmpty() && inFlightBytes < limitBytes) {
            sendNow(waiting.poll());
        }
        if (waiting.isEmpty() && afterWaitingAudio != null) {
            Runnable send = afterWaitingAudio;
            afterWaitingAudio = null;
            send.run();
        }
    }

    void clear() {
        waiting.clear();
        afterWaitingAudio = null;
    }

    private void sendNow(byte[] chunk) {
        inFlightBytes += chunk.length;
        toSocket.accept(chunk);
    }
}
