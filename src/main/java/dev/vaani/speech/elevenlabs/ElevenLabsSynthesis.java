package dev.vaani.speech.elevenlabs;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.TextToSpeech;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One sentence in flight. Delivery and cancel share a lock so that once {@link #cancel()} returns the sink hears
 * nothing more. Cancel completes the future normally: barge-in is not a failure.
 */
final class ElevenLabsSynthesis implements TextToSpeech.Synthesis {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int READ_BUFFER = 4096;

    private final HttpClient http;
    private final ElevenLabsSettings settings;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final TextToSpeech.AudioSink sink;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean cancelled;
    private boolean delivered;
    private InputStream body;
    private Thread worker;

    ElevenLabsSynthesis(HttpClient http, ElevenLabsSettings settings, Retry retry, CircuitBreaker circuitBreaker,
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
        InputStream toClose;
        Thread toInterrupt;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toClose = body;
            toInterrupt = worker;
        } finally {
            lock.unlock();
        }
        completion.complete(null);
        closeQuietly(toClose); // aborts the exchange: the server stops generating for us
        if (toInterrupt != null) {
            toInterrupt.interrupt(); // wakes a send() still waiting for headers, or a retry backoff
        }
    }

    void failNow(SpeechFailure failure) {
        completion.completeExceptionally(failure);
    }

    void completeEmpty() {
        completion.complete(null);
    }

    void start(String text, int sampleRate) {
        HttpRequest request;
        try {
            request = request(text, sampleRate);
        } catch (IllegalArgumentException unsendable) {
            // the sentence fails, as the interface promises, rather than throwing on the call's thread
            failNow(SpeechFailure.unsendableSetting("ElevenLabs synthesis"));
            return;
        }
        lock.lock();
        try {
            worker = Thread.ofVirtual().name("elevenlabs-tts").unstarted(() -> run(request));
            worker.start();
        } finally {
            lock.unlock();
        }
    }

    private void run(HttpRequest request) {
        Retry.Context<Void> attempts = retry.context();
        while (true) {
            try {
                attempt(request);
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

    private void attempt(HttpRequest request) {
        if (!circuitBreaker.tryAcquirePermission()) {
            throw new SpeechFailure(Kind.UNAVAILABLE, "ElevenLabs circuit breaker is open after repeated failures");
        }
        long start = System.nanoTime();
        try {
            stream(request);
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

    private void stream(HttpRequest request) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new SpeechFailure(Kind.TIMEOUT, "ElevenLabs did not answer within " + settings.readTimeout(), e);
        } catch (IOException e) {
            throw new SpeechFailure(Kind.CONNECTION_LOST, "ElevenLabs request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            throw new SpeechFailure(Kind.CONNECTION_LOST, "ElevenLabs request interrupted", e);
        }
        try (InputStream in = response.body()) {
            if (!register(in)) {
                return;
            }
            if (response.statusCode() != 200) {
                String error = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                throw ElevenLabsErrors.fromResponse(response.statusCode(), error);
            }
            WholeSamples samples = new WholeSamples();
            byte[] buffer = new byte[READ_BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && !deliver(samples.next(buffer, n))) {
                    return;
                }
            }
        } catch (IOException e) {
            if (isCancelled()) {
                return;
            }
            throw new SpeechFailure(Kind.CONNECTION_LOST, "ElevenLabs audio stream broke off: " + e.getMessage(), e);
        }
    }

    /** Makes the body closable by cancel(); false when already cancelled. */
    private boolean register(InputStream in) {
        lock.lock();
        try {
            body = in;
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

    private HttpRequest request(String text, int sampleRate) {
        ObjectNode json = JSON.createObjectNode().put("text", text).put("model_id", settings.modelId());
        if (settings.languageCode() != null) {
            json.put("language_code", settings.languageCode());
        }
        return HttpRequest.newBuilder(settings.streamUri(sampleRate))
                .timeout(settings.readTimeout())
                .header("xi-api-key", settings.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString()))
                .build();
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

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // aborting anyway
            }
        }
    }
}
