package dev.vaani.speech.sarvam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import dev.vaani.speech.RecognitionSocket;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Sarvam recognition stream: audio as base64 inside JSON text messages, a {@code flush} to finish an utterance
 * now, results and errors as JSON.
 *
 * <p>Audio is gathered into chunks of {@value #CHUNK_MS} ms before sending, as Sarvam advises (100-500 ms chunks):
 * each message carries base64 inside JSON, so 20 ms frames would multiply the per-message overhead by five. Chunks on
 * their way are bounded by {@link RecognitionSocket}, so a Sarvam that stops reading costs a call no more than that.
 */
final class SarvamSttStream extends RecognitionSocket {

    static final int CHUNK_MS = 100;

    private static final Logger log = LoggerFactory.getLogger(SarvamSttStream.class);
    /** Sarvam states its reason in an error message and then closes: a transport error waits for that reason. */
    private static final Duration TRANSPORT_ERROR_GRACE = Duration.ofMillis(300);

    private final String callSid;
    private final int sampleRate;
    private final byte[] chunk;

    private int chunkFill;

    SarvamSttStream(SpeechListener listener, String callSid, int sampleRate, int pendingLimitBytes,
                    ScheduledExecutorService timers, Duration stallTimeout) {
        super("Sarvam", callSid, listener, timers, stallTimeout, pendingLimitBytes);
        this.callSid = callSid;
        this.sampleRate = sampleRate;
        this.chunk = new byte[sampleRate * 2 * CHUNK_MS / 1000];
    }

    @Override
    public void sendAudio(byte[] pcm, int offset, int length) {
        lock.lock();
        try {
            if (!isLive()) {
                return;
            }
            while (length > 0) {
                int n = Math.min(length, chunk.length - chunkFill);
                System.arraycopy(pcm, offset, chunk, chunkFill, n);
                chunkFill += n;
                offset += n;
                length -= n;
                if (chunkFill == chunk.length) {
                    sendChunk();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finalizeUtterance() {
        lock.lock();
        try {
            if (!isLive()) {
                return;
            }
            sendChunk();
            sendAfterAudio(() -> sendText(SarvamSttMessages.FLUSH));
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected CompletableFuture<?> sendAudioMessage(byte[] pcm) {
        return sendText(SarvamSttMessages.audio(pcm, pcm.length, sampleRate));
    }

    @Override
    protected void onMessage(String text) {
        JsonNode message;
        try {
            message = SarvamSttMessages.parse(text);
        } catch (JacksonException e) {
            log.debug("Ignoring unparseable Sarvam message call={}", callSid);
            return;
        }
        if ("error".equals(SarvamSttMessages.type(message))) {
            fail(SarvamErrors.fromMessage(message.path("data").isObject() ? message.path("data") : message).event());
            return;
        }
        SarvamSttMessages.toEvent(message).ifPresent(this::emit);
    }

    @Override
    protected SpeechEvent.Failure closedByServer(int statusCode, String reason) {
        return SarvamErrors.fromClose(statusCode, reason).event();
    }

    @Override
    protected SpeechEvent.Failure transportFailure(Throwable error) {
        return SarvamErrors.fromThrowable(error, false).event();
    }

    @Override
    protected Duration transportErrorGrace() {
        return TRANSPORT_ERROR_GRACE;
    }

    /** Call with the lock held. */
    private void sendChunk() {
        if (chunkFill == 0) {
            return;
        }
        byte[] full = Arrays.copyOf(chunk, chunkFill);
        chunkFill = 0;
        offerAudio(full);
    }
}
