package dev.vaani.speech.sarvam;

import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.TextToSpeech;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
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
        SynthesisSocketReader reader = new SynthesisSocketReader(this::deliver);
        WebSocket ws = connect(reader);
        if (!register(ws)) {
            closeQuietly(ws);
            return;
        }
        ws.sendText(SarvamTtsMessages.config(settings, sampleRate), true)
                .thenCompose(w -> w.sendText(SarvamTtsMessages.text(text), true))
                .thenCompose(w -> w.sendText(SarvamTtsMessages.FLUSH, true))
                .whenComplete((w, error) -> {
                    if (error != null) {
                        reader.fail(SarvamErrors.fromThrowable(unwrap(error), false).toSpeechFailure());
                    }
                });
        try {
            awaitEnd(reader);
        } finally {
            if (!isCancelled()) {
                closeQuietly(ws);
            }
        }
    }

    private WebSocket connect(SynthesisSocketReader reader) {
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
                    .buildAsync(uri, reader)
                    .get(settings.connectTimeout().toMillis() + settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
                Object body = handshake.getResponse().body();
                throw SarvamErrors.fromStatus(handshake.getResponse().statusCode(),
                        body instanceof String s ? s : null).toSpeechFailure();
            }
            throw SarvamErrors.fromThrowable(cause, true).toSpeechFailure();
        } catch (TimeoutException e) {
            throw new SpeechFailure(Kind.TIMEOUT, "Sarvam synthesis socket did not open in time", e);
        } catch (InterruptedException e) {
            throw new SpeechFailure(Kind.CONNECTION_LOST, "Sarvam synthesis interrupted", e);
        }
    }

    /** Waits for the final event; fails with TIMEOUT when the socket stays silent for the read timeout. */
    private void awaitEnd(SynthesisSocketReader reader) {
        long quietLimit = settings.readTimeout().toNanos();
        while (true) {
            try {
                reader.done().get(Math.max(1, quietLimit / 1_000_000), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof SpeechFailure failure ? failure
                        : new SpeechFailure(Kind.CONNECTION_LOST, "Sarvam synthesis failed: " + cause, cause);
            } catch (TimeoutException e) {
                if (System.nanoTime() - reader.lastHeardNanos() >= quietLimit) {
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
}
