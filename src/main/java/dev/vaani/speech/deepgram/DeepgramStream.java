package dev.vaani.speech.deepgram;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import dev.vaani.speech.RecognitionSocket;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Deepgram live stream: raw audio as binary messages, control messages as JSON text, results as JSON. Deepgram
 * closes a stream that hears nothing for 10 s, so a keep-alive goes out whenever nothing else has been sent for a
 * while; on close it is asked for its last results first ({@code CloseStream}, answered by {@code Metadata}).
 */
final class DeepgramStream extends RecognitionSocket {

    private static final Logger log = LoggerFactory.getLogger(DeepgramStream.class);
    /** After CloseStream the server sends its last results and Metadata; don't wait longer than this for them. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String callSid;
    private final Duration keepAliveInterval;

    private long lastSentNanos = System.nanoTime();
    private ScheduledFuture<?> keepAlive;

    DeepgramStream(SpeechListener listener, String callSid, DeepgramSettings settings,
                   ScheduledExecutorService timers, int pendingLimitBytes) {
        super("Deepgram", callSid, listener, timers, settings.stallTimeout(), pendingLimitBytes);
        this.callSid = callSid;
        this.keepAliveInterval = settings.keepAliveInterval();
    }

    @Override
    public void sendAudio(byte[] pcm, int offset, int length) {
        if (length <= 0) {
            return; // an empty binary frame makes Deepgram close the stream
        }
        byte[] copy = Arrays.copyOfRange(pcm, offset, offset + length);
        lock.lock();
        try {
            offerAudio(copy);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finalizeUtterance() {
        lock.lock();
        try {
            sendAfterAudio(() -> sendControl(DeepgramMessages.FINALIZE));
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected CompletableFuture<?> sendAudioMessage(byte[] chunk) {
        lastSentNanos = System.nanoTime();
        return sendBinary(chunk);
    }

    @Override
    protected void opened() {
        lastSentNanos = System.nanoTime();
        long tick = Math.max(10, keepAliveInterval.toMillis() / 2);
        keepAlive = timers.scheduleAtFixedRate(this::keepAliveTick, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void stopped() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    @Override
    protected void sayGoodbye() {
        sendControl(DeepgramMessages.CLOSE_STREAM);
        // the server closes after its final Metadata; if it doesn't, we do
        timers.schedule(this::closeSocket, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onMessage(String text) {
        JsonNode message;
        try {
            message = DeepgramMessages.parse(text);
        } catch (JacksonException e) {
            log.debug("Ignoring unparseable Deepgram message call={}", callSid);
            return;
        }
        if ("Metadata".equals(DeepgramMessages.type(message)) && isClosed()) {
            closeSocket(); // Metadata is the last thing Deepgram sends after CloseStream
            return;
        }
        DeepgramMessages.toEvent(message).ifPresent(this::emit);
    }

    @Override
    protected SpeechEvent.Failure closedByServer(int statusCode, String reason) {
        return DeepgramErrors.fromClose(statusCode, reason);
    }

    @Override
    protected SpeechEvent.Failure transportFailure(Throwable error) {
        return DeepgramErrors.fromThrowable(error, false);
    }

    private void keepAliveTick() {
        lock.lock();
        try {
            if (isOpen() && System.nanoTime() - lastSentNanos >= keepAliveInterval.toNanos()) {
                sendControl(DeepgramMessages.KEEP_ALIVE);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Call with the lock held and the socket open. */
    private void sendControl(String json) {
        lastSentNanos = System.nanoTime();
        sendText(json);
    }
}
