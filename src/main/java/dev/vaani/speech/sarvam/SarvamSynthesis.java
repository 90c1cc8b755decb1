package dev.vaani.speech.sarvam;

import dev.vaani.speech.SentenceSynthesis;
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

/**
 * One sentence in flight over its own synthesis socket: config, text, flush, then audio until the final event. Cancel
 * sends nothing further and closes the socket with 1000.
 */
final class SarvamSynthesis extends SentenceSynthesis<WebSocket> {

    private final HttpClient http;
    private final SarvamSettings settings;

    SarvamSynthesis(HttpClient http, SarvamSettings settings, Retry retry, CircuitBreaker circuitBreaker,
                    TextToSpeech.AudioSink sink) {
        super("Sarvam", retry, circuitBreaker, sink);
        this.http = http;
        this.settings = settings;
    }

    @Override
    protected void synthesiseOnce(String text, int sampleRate) {
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
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder()
                .header("api-subscription-key", settings.apiKey())
                .connectTimeout(settings.connectTimeout())
                .buildAsync(uri, reader);
        try {
            return opening.get(settings.connectTimeout().toMillis() + settings.readTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
                Object body = handshake.getResponse().body();
                throw SarvamErrors.fromStatus(handshake.getResponse().statusCode(),
                        body instanceof String s ? s : null).toSpeechFailure();
            }
            throw SarvamErrors.fromThrowable(cause, true).toSpeechFailure();
        } catch (TimeoutException e) {
            closeWhenOpen(opening);
            throw new SpeechFailure(Kind.TIMEOUT, "Sarvam synthesis socket did not open in time", e);
        } catch (InterruptedException e) {
            closeWhenOpen(opening); // cancelled (a barge-in, a hang-up) while the handshake was on its way
            throw new SpeechFailure(Kind.CONNECTION_LOST, "Sarvam synthesis interrupted", e);
        }
    }

    /**
     * We stopped waiting for a socket still opening: should its handshake finish after all, nobody holds the socket
     * to close it, and it would stay open on both sides (one per barge-in during a handshake, for the whole process).
     */
    private void closeWhenOpen(CompletableFuture<WebSocket> opening) {
        opening.thenAccept(this::closeQuietly);
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

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    /** A clean close (1000) when the output side is still open, then the connection is released. */
    @Override
    protected void closeQuietly(WebSocket ws) {
        if (ws.isOutputClosed()) {
            ws.abort();
            return;
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ignored, error) -> ws.abort());
    }
}
