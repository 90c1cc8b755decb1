package dev.vaani.speech.deepgram;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechToText;
import dev.vaani.speech.WholeTextMessages;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.net.http.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Deepgram live stream. All state changes and every listener call happen under one lock, which gives the
 * guarantees callers rely on: events arrive in order, nothing is delivered after a Failure, and nothing is delivered
 * once {@link #close()} has returned.
 */
final class DeepgramStream implements SpeechToText.Stream, WebSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(DeepgramStream.class);
    /** After CloseStream the server sends its last results and Metadata; don't wait longer than this for them. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final Duration SEND_FAILURE_GRACE = Duration.ofSeconds(1);

    private final SpeechListener listener;
    private final String callSid;
    private final Duration keepAliveInterval;
    private final ScheduledExecutorService scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutgoingAudio audio;
    private final WholeTextMessages messages = new WholeTextMessages();

    private WebSocket socket;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private long lastSentNanos = System.nanoTime();
    private ScheduledFuture<?> keepAlive;
    private boolean closed;
    private boolean failed;

    DeepgramStream(SpeechListener listener, String callSid, Duration keepAliveInterval,
                   ScheduledExecutorService scheduler, int pendingLimitBytes) {
        this.listener = listener;
        this.callSid = callSid;
        this.keepAliveInterval = keepAliveInterval;
        this.scheduler = scheduler;
        this.audio = new OutgoingAudio(pendingLimitBytes, this::sendToSocket);
    }

    @Override
    public void sendAudio(byte[] pcm, int offset, int length) {
        if (length <= 0) {
            return; // an empty binary frame makes Deepgram close the stream
        }
        byte[] copy = java.util.Arrays.copyOfRange(pcm, offset, offset + length);
        lock.lock();
        try {
            if (closed || failed) {
                return;
            }
            audio.offer(copy, socket != null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finalizeUtterance() {
        sendControl(DeepgramMessages.FINALIZE);
    }

    @Override
    public void close() {
        WebSocket toClose;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stopKeepAlive();
            audio.clear();
            toClose = failed ? null : socket;
            if (toClose != null) {
                send(ws -> ws.sendText(DeepgramMessages.CLOSE_STREAM, true));
            }
        } finally {
            lock.unlock();
        }
        if (toClose != null) {
            // The server closes after its final Metadata; if it doesn't, we do.
            scheduler.schedule(() -> closeSocket(toClose), CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // --- connection lifecycle, called by DeepgramSpeechToText ---

    /** Fails the stream and reports it, unless it is already closed or failed (also used for failed connects). */
    void fail(SpeechEvent.Failure failure) {
        WebSocket toAbort;
        lock.lock();
        try {
            if (closed || failed) {
                return;
            }
            failed = true;
            stopKeepAlive();
            audio.clear();
            toAbort = socket;
            log.warn("Deepgram stream failed call={} kind={} recoverable={}: {}", callSid, failure.kind(),
                    failure.recoverable(), failure.message());
            listener.onEvent(failure);
        } finally {
            lock.unlock();
        }
        if (toAbort != null) {
            toAbort.abort();
        }
    }

    // --- WebSocket.Listener ---

    @Override
    public void onOpen(WebSocket webSocket) {
        lock.lock();
        try {
            if (closed || failed) {
                webSocket.abort();
                return;
            }
            socket = webSocket;
            lastSentNanos = System.nanoTime();
            audio.drain();
            long tick = Math.max(10, keepAliveInterval.toMillis() / 2);
            keepAlive = scheduler.scheduleAtFixedRate(this::keepAliveTick, tick, tick, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String message = messages.add(data, last);
        if (message != null) {
            handleMessage(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        lock.lock();
        try {
            if (closed) {
                return null;
            }
        } finally {
            lock.unlock();
        }
        fail(DeepgramErrors.fromClose(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail(DeepgramErrors.fromThrowable(error, false));
    }

    private void handleMessage(String text) {
        JsonNode message;
        try {
            message = DeepgramMessages.parse(text);
        } catch (JacksonException e) {
            log.debug("Ignoring unparseable Deepgram message call={}", callSid);
            return;
        }
        if ("Metadata".equals(DeepgramMessages.type(message)) && isClosed()) {
            closeSocket(socket); // Metadata is the last thing Deepgram sends after CloseStream
            return;
        }
        DeepgramMessages.toEvent(message).ifPresent(this::emit);
    }

    private void emit(SpeechEvent event) {
        lock.lock();
        try {
            if (!closed && !failed) {
                listener.onEvent(event);
            }
        } finally {
            lock.unlock();
        }
    }

    private void sendControl(String json) {
        lock.lock();
        try {
            if (!closed && !failed && socket != null) {
                send(ws -> ws.sendText(json, true));
            }
        } finally {
            lock.unlock();
        }
    }

    private void keepAliveTick() {
        lock.lock();
        try {
            if (!closed && !failed && socket != null
                    && System.nanoTime() - lastSentNanos >= keepAliveInterval.toNanos()) {
                send(ws -> ws.sendText(DeepgramMessages.KEEP_ALIVE, true));
            }
        } finally {
            lock.unlock();
        }
    }

    /** JDK WebSocket allows one outstanding send at a time, so sends are chained. Call with the lock held. */
    private void send(Function<WebSocket, CompletableFuture<WebSocket>> op) {
        WebSocket ws = socket;
        lastSentNanos = System.nanoTime();
        sendChain = sendChain.handle((ignored, error) -> null).thenCompose(ignored -> op.apply(ws));
        sendChain.whenComplete((ignored, error) -> {
            if (error != null && !isClosed()) {
                // A failed send is usually the echo of a close or reset the reader is about to report with its
                // real cause (e.g. NET-0001); only speak for it if the reader stays silent.
                SpeechEvent.Failure failure = DeepgramErrors.fromThrowable(unwrap(error), false);
                scheduler.schedule(() -> fail(failure), SEND_FAILURE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Call with the lock held and the socket open. */
    private void sendToSocket(byte[] chunk) {
        send(ws -> ws.sendBinary(ByteBuffer.wrap(chunk), true));
        sendChain.whenComplete((ignored, error) -> onAudioSent(chunk.length));
    }

    private void onAudioSent(int length) {
        lock.lock();
        try {
            audio.sent(length);
            if (!closed && !failed && socket != null) {
                audio.drain();
            }
        } finally {
            lock.unlock();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    private void closeSocket(WebSocket ws) {
        if (ws == null) {
            return;
        }
        lock.lock();
        try {
            if (ws.isOutputClosed()) {
                ws.abort();
                return;
            }
            sendChain = sendChain.handle((ignored, error) -> null)
                    .thenCompose(ignored -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                    .whenComplete((ignored, error) -> ws.abort());
        } finally {
            lock.unlock();
        }
    }
}
