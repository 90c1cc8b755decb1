package dev.vaani.speech.sarvam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechToText;
import dev.vaani.speech.WholeTextMessages;
import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Sarvam recognition stream. Every state change and listener call happens under one lock: events arrive in
 * order, nothing is delivered after a Failure or once {@link #close()} has returned.
 *
 * <p>Audio is gathered into chunks of {@value #CHUNK_MS} ms before sending, as Sarvam advises (100-500 ms chunks):
 * each message carries base64 inside JSON, so 20 ms frames would multiply the per-message overhead by five.
 */
final class SarvamSttStream implements SpeechToText.Stream, WebSocket.Listener {

    static final int CHUNK_MS = 100;

    private static final java.util.concurrent.Executor TRANSPORT_ERROR_GRACE =
            CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS);
    private static final java.util.concurrent.Executor SEND_FAILURE_GRACE =
            CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS);

    private static final Logger log = LoggerFactory.getLogger(SarvamSttStream.class);

    private final SpeechListener listener;
    private final String callSid;
    private final int sampleRate;
    private final int pendingLimitBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /** Messages waiting for the socket to open, with how much audio each carries (0 for a flush). */
    private record Pending(String message, int audioBytes) {}

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final WholeTextMessages messages = new WholeTextMessages();
    private final byte[] chunk;

    private int chunkFill;
    private int pendingBytes;
    private WebSocket socket;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private boolean closed;
    private boolean failed;

    SarvamSttStream(SpeechListener listener, String callSid, int sampleRate, int pendingLimitBytes) {
        this.listener = listener;
        this.callSid = callSid;
        this.sampleRate = sampleRate;
        this.pendingLimitBytes = pendingLimitBytes;
        this.chunk = new byte[sampleRate * 2 * CHUNK_MS / 1000];
    }

    @Override
    public void sendAudio(byte[] pcm, int offset, int length) {
        lock.lock();
        try {
            if (closed || failed) {
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
            if (closed || failed) {
                return;
            }
            sendChunk();
            queue(SarvamSttMessages.FLUSH);
        } finally {
            lock.unlock();
        }
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
            pending.clear();
            toClose = failed ? null : socket;
            if (toClose != null) {
                sendChain = sendChain.handle((ignored, error) -> null)
                        .thenCompose(ignored -> toClose.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                        .whenComplete((ignored, error) -> toClose.abort());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fails the stream and reports it once, unless it was closed or failed already. */
    void fail(SarvamErrors.Failure failure) {
        WebSocket toAbort;
        lock.lock();
        try {
            if (closed || failed) {
                return;
            }
            failed = true;
            pending.clear();
            toAbort = socket;
            log.warn("Sarvam stream failed call={} kind={} recoverable={}: {}", callSid, failure.kind(),
                    failure.recoverable(), failure.message());
            listener.onEvent(new SpeechEvent.Failure(failure.kind(), failure.message(), failure.recoverable()));
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
            while (!pending.isEmpty()) {
                send(pending.poll().message());
            }
            pendingBytes = 0;
        } finally {
            lock.unlock();
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String message = messages.add(data, last);
        if (message != null) {
            handle(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!isClosed()) {
            fail(SarvamErrors.fromClose(statusCode, reason));
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        // Sarvam states its reason in an error message and then closes; a transport error racing that close must
        // not hide the reason (a rate limit is not a lost connection), so it speaks only if no reason came.
        SarvamErrors.Failure failure = SarvamErrors.fromThrowable(error, false);
        CompletableFuture.runAsync(() -> fail(failure), TRANSPORT_ERROR_GRACE);
    }

    private void handle(String text) {
        JsonNode message;
        try {
            message = SarvamSttMessages.parse(text);
        } catch (JacksonException e) {
            log.debug("Ignoring unparseable Sarvam message call={}", callSid);
            return;
        }
        if ("error".equals(SarvamSttMessages.type(message))) {
            fail(SarvamErrors.fromMessage(message.path("data").isObject() ? message.path("data") : message));
            return;
        }
        SarvamSttMessages.toEvent(message).ifPresent(event -> {
            lock.lock();
            try {
                if (!closed && !failed) {
                    listener.onEvent(event);
                }
            } finally {
                lock.unlock();
            }
        });
    }

    /** Call with the lock held. */
    private void sendChunk() {
        if (chunkFill == 0) {
            return;
        }
        String message = SarvamSttMessages.audio(chunk, chunkFill, sampleRate);
        int bytes = chunkFill;
        chunkFill = 0;
        if (socket == null) {
            pending.add(new Pending(message, bytes));
            pendingBytes += bytes;
            while (pendingBytes > pendingLimitBytes && pending.size() > 1) {
                pendingBytes -= pending.poll().audioBytes(); // oldest first: the caller's latest words matter most
            }
        } else {
            send(message);
        }
    }

    /** Call with the lock held. */
    private void queue(String message) {
        if (socket == null) {
            pending.add(new Pending(message, 0));
        } else {
            send(message);
        }
    }

    /** The JDK WebSocket allows one outstanding send: sends are chained. Call with the lock held. */
    private void send(String message) {
        WebSocket ws = socket;
        sendChain = sendChain.handle((ignored, error) -> null).thenCompose(ignored -> ws.sendText(message, true));
        sendChain.whenComplete((ignored, error) -> {
            if (error != null && !isClosed()) {
                // A failed send is usually the echo of an error message and close the reader is about to report
                // with its real cause; only speak for it if the reader stays silent.
                SarvamErrors.Failure failure =
                        SarvamErrors.fromThrowable(error.getCause() != null ? error.getCause() : error, false);
                CompletableFuture.runAsync(() -> fail(failure), SEND_FAILURE_GRACE);
            }
        });
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
