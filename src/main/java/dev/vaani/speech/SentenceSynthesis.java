package dev.vaani.speech;

import dev.vaani.speech.SpeechFailure.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One sentence of a cloud voice in flight, worked on a virtual thread of its own. Each attempt passes the provider's
 * circuit breaker; a failed attempt is retried (the provider's backoff) only while no audio was delivered, since a
 * retry would otherwise repeat words. Delivery and cancel share a lock, so once {@link #cancel()} returns the sink
 * hears nothing more; cancel completes the future normally (barge-in is not a failure), closes what the attempt holds
 * open and wakes the worker from a wait for audio, a handshake or a backoff.
 *
 * <p>A provider says how one attempt goes ({@link #synthesiseOnce}): it opens its connection, {@link #register}s it
 * so that cancel can close it, and hands the audio to {@link #deliver} as it comes.
 *
 * @param <C> what an attempt holds open (a response body, a socket)
 */
public abstract class SentenceSynthesis<C> implements TextToSpeech.Synthesis {

    private final String provider;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final TextToSpeech.AudioSink sink;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean cancelled;
    private boolean delivered;
    private C connection;
    private Thread worker;

    /** {@code provider} names the voice in failures and its worker thread ("ElevenLabs", "Sarvam"). */
    protected SentenceSynthesis(String provider, Retry retry, CircuitBreaker circuitBreaker,
                                TextToSpeech.AudioSink sink) {
        this.provider = provider;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.sink = sink;
    }

    /**
     * One attempt at the whole sentence: returns when the provider has sent all its audio (or the sentence was
     * cancelled), throws a {@link SpeechFailure} when the attempt failed.
     */
    protected abstract void synthesiseOnce(String text, int sampleRate);

    /** Ends what an attempt held open, at once; called outside the lock, possibly on another thread. */
    protected abstract void closeQuietly(C connection);

    @Override
    public final CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    public final void cancel() {
        C toClose;
        Thread toInterrupt;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toClose = connection;
            toInterrupt = worker;
        } finally {
            lock.unlock();
        }
        completion.complete(null);
        if (toClose != null) {
            closeQuietly(toClose); // the provider stops generating for us
        }
        if (toInterrupt != null) {
            toInterrupt.interrupt();
        }
    }

    /** Ends the sentence with {@code failure} before anything was sent (no key, a rate the provider lacks). */
    public final void failNow(SpeechFailure failure) {
        completion.completeExceptionally(failure);
    }

    /** Ends a sentence with nothing to say. */
    public final void completeEmpty() {
        completion.complete(null);
    }

    public final void start(String text, int sampleRate) {
        lock.lock();
        try {
            worker = Thread.ofVirtual().name(provider.toLowerCase(Locale.ROOT) + "-tts")
                    .unstarted(() -> run(text, sampleRate));
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
            throw new SpeechFailure(Kind.UNAVAILABLE, provider + " circuit breaker is open after repeated failures");
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

    /** Makes what the attempt holds open closable by cancel(); false when the sentence was already cancelled. */
    protected final boolean register(C opened) {
        lock.lock();
        try {
            connection = opened;
            return !cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** Hands audio to the sink unless the sentence was cancelled; false once it was. */
    protected final boolean deliver(byte[] pcm) {
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

    protected final boolean isCancelled() {
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
}
