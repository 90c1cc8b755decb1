package dev.vaani.speech.sarvam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.TextToSpeech;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One sentence in flight over its own synthesis socket. Delivery and cancel share a lock, so once {@link #cancel()}
 * returns the sink hears nothing more; cancel sends nothing further, closes the socket with 1000 and completes the
 * future normally (barge-in is not a failure). A failed attempt is retried only while no audio was delivered.
 */
final class SarvamSynthesis implements TextToSpeech.Synthesis {

    private final HttpClient http;
    private final SarvamSettings settings;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final TextToSpeech.AudioSink sink;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean cancelled;
    private boolean delivered;
    private WebSocket socket;
    private Thread worker;

    SarvamSynthesis(HttpClient http, SarvamSettings settings, Retry retry, CircuitBreaker circuitBreaker,
                    TextToSpeech.AudioSink sink) {
        this.http = http;
        this.settings = settings;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.sink = sink;
    }

    @Override
    public CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    public void cancel() {
        WebSocket toClose;
        Thread toInterrupt;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toClose = socket;
            toInterrupt = worker;
        } finally {
            lock.unlock();
        }
        completion.complete(null);
        closeQuietly(toClose);
        if (toInterrupt != null) {
            toInterrupt.interrupt(); // wakes a worker waiting for audio, a handshake or a retry backoff
        }
    }

    void failNow(SpeechFailure failure) {
        completion.completeExceptionally(failure);
    }

    void completeEmpty() {
        completion.complete(null);
    }

    void start(String text, int sampleRate) {
        lock.lock();
        try {
            worker = Thread.ofVirtual().name("sarvam-tts").unstarted(() -> run(text, sampleRate));
            worker.start();
        } finally {
            lock.unlock();
        }
    }

    private void run(String text, int sampleRate) {
        Retry.Context<Void> attempts = retry.context();
        while (true) {
            try {
                attempt(text, sampleRate);
                attempts.onComplete();
                completion.complete(null);
                return;
            } catch (SpeechFailure failure) {
                if (isCancelled()) {
                    return;
                }
                if (hasDelivered() || !failure.retryable()) {
                    completion.completeExceptionally(failure);
                    return;
                }
                try {
                    attempts.onRuntimeError(failure); // waits the backoff, or rethrows when attempts are used up
                } catch (RuntimeException exhausted) {
                    completion.completeExceptionally(exhausted);
                    return;
                }
            }
        }
    }

    private void attempt(String text, int sampleRate) {
        if (!circuitBreaker.tryAcquirePermission()) {
            throw new SpeechFailure(Kind.UNAVAILABLE, "Sarvam circuit breaker is open after repeated failures");
        }
        long start = System.nanoTime();
        try {
            synthesiseOnce(text, sampleRate);
            circuitBreaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (SpeechFailure failure) {
            if (isCancelled()) {
                circuitBreaker.releasePermission();
            } else {
                circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            }
            throw failure;
        }
    }

    private void synthesiseOnce(String text, int sampleRate) {
        Attempt attempt = new Attempt();
        WebSocket ws = connect(attempt);
        if (!register(ws)) {
            closeQuietly(ws);
            return;
        }
        ws.sendText(SarvamTtsMessages.config(settings, sampleRate), true)
                .thenCompose(w -> w.sendText(SarvamTtsMessages.text(text), true))
                .thenCompose(w -> w.sendText(SarvamTtsMessages.FLUSH, true))
                .whenComplete((w, error) -> {
                    if (error != null) {
                        attempt.fail(failure(SarvamErrors.fromThrowable(unwrap(error), false)));
                    }
                });
        try {
            awaitEnd(attempt);
        } finally {
            if (!isCancelled()) {
                closeQuietly(ws);
            }
        }
    }

    private WebSocket connect(Attempt attempt) {
        URI uri;
        try {
            uri = SarvamTtsMessages.socketUri(settings);
        } catch (IllegalArgumentException notAUrl) { // uncaught, it would end the worker and leave the sentence hanging
            throw SpeechFailure.unsendableSetting("Sarvam synthesis");
        }
        try {
            return http.newWebSocketBuilder()
                    .header("api-subscription-key", settings.apiKey())
                    .connectTimeout(settings.connectTimeout())
                    .buildAsync(uri, attempt)
                    .get(settings.connectTimeout().toMillis() + settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
                Object body = handshake.getResponse().body();
                throw failure(SarvamErrors.fromStatus(handshake.getResponse().statusCode(),
                        body instanceof String s ? s : null));
            }
            throw failure(SarvamErrors.fromThrowable(cause, true));
        } catch (TimeoutException e) {
            throw new SpeechFailure(Kind.TIMEOUT, "Sarvam synthesis socket did not open in time", e);
        } catch (InterruptedException e) {
            throw new SpeechFailure(Kind.CONNECTION_LOST, "Sarvam synthesis interrupted", e);
        }
    }

    /** Waits for the final event; fails with TIMEOUT when the socket stays silent for the read timeout. */
    private void awaitEnd(Attempt attempt) {
        long quietLimit = settings.readTimeout().toNanos();
        while (true) {
            try {
                attempt.done.get(Math.max(1, quietLimit / 1_000_000), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof SpeechFailure failure ? failure
                        : new SpeechFailure(Kind.CONNECTION_LOST, "Sarvam synthesis failed: " + cause, cause);
            } catch (TimeoutException e) {
                if (System.nanoTime() - attempt.lastHeard >= quietLimit) {
                    throw new SpeechFailure(Kind.TIMEOUT, "Sarvam sent no audio within " + settings.readTimeout());
                }
            } catch (InterruptedException e) {
                if (isCancelled()) {
                    return;
                }
                throw new SpeechFailure(Kind.CONNECTION_LOST, "Sarvam synthesis interrupted", e);
            }
        }
    }

    /** Makes the socket closable by cancel(); false when already cancelled. */
    private boolean register(WebSocket ws) {
        lock.lock();
        try {
            socket = ws;
            return !cancelled;
        } finally {
            lock.unlock();
        }
    }

    private boolean deliver(byte[] pcm) {
        lock.lock();
        try {
            if (cancelled) {
                return false;
            }
            if (pcm.length > 0) {
                delivered = true;
                sink.onAudio(pcm);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    private boolean hasDelivered() {
        lock.lock();
        try {
            return delivered;
        } finally {
            lock.unlock();
        }
    }

    private static SpeechFailure failure(SarvamErrors.Failure failure) {
        return new SpeechFailure(failure.kind(), failure.message());
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    /** A clean close (1000) when the output side is still open, then the connection is released. */
    private static void closeQuietly(WebSocket ws) {
        if (ws == null) {
            return;
        }
        if (ws.isOutputClosed()) {
            ws.abort();
            return;
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ignored, error) -> ws.abort());
    }

    /** Reads one socket's messages. */
    private final class Attempt implements WebSocket.Listener {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final PcmChunks pcm = new PcmChunks();
        final StringBuilder partial = new StringBuilder();
        volatile long lastHeard = System.nanoTime();

        void fail(SpeechFailure failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!done.isDone()) {
                fail(failure(SarvamErrors.fromClose(statusCode, reason == null || reason.isBlank()
                        ? "closed before the final event" : reason)));
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail(failure(SarvamErrors.fromThrowable(error, false)));
        }

        private void handle(String text) {
            JsonNode message;
            try {
                message = SarvamSttMessages.parse(text);
            } catch (JacksonException e) {
                return; // not JSON: nothing we can use
            }
            JsonNode data = message.path("data");
            switch (message.path("type").asString("")) {
                case "audio" -> {
                    String audio = data.path("audio").asString("");
                    if (!audio.isEmpty() && !deliver(pcm.next(Base64.getDecoder().decode(audio)))) {
                        done.complete(null);
                    }
                }
                case "event" -> {
                    if ("final".equals(data.path("event_type").asString(""))) {
                        done.complete(null);
                    }
                }
                case "error" -> fail(failure(SarvamErrors.fromMessage(data.isObject() ? data : message)));
                default -> {
                    // pong and future message types carry nothing for the call
                }
            }
        }
    }
}
