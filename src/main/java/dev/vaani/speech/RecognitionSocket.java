package dev.vaani.speech;

import dev.vaani.speech.SpeechFailure.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming recognition over a WebSocket: the lifecycle every cloud recogniser shares, so that each provider
 * writes only its wire format (what audio and control messages look like, what a server message means, how the
 * stream says goodbye). Every state change and every listener call happens under one lock, which gives the
 * guarantees the call relies on: events arrive in order, nothing is delivered after a Failure, and nothing once
 * {@link #close()} has returned.
 *
 * <p>The stream exists before its socket: the caller's audio waits for it (the latest of it, bounded, as behind a
 * socket slow to take it: {@link OutgoingAudio}), and a connect that fails, like any later failure, reaches the
 * listener once as a {@link SpeechEvent.Failure}. A provider that stops
 * answering without closing would leave the call deaf, so an open stream pings the server now and then (RFC 6455
 * obliges it to answer); a ping unanswered for the stall timeout, while nothing else came either, fails the stream
 * as a recoverable timeout, to be reopened.
 */
public abstract class RecognitionSocket implements SpeechToText.Stream, WebSocket.Listener {

    /** A failed send is usually the echo of a close the reader is about to report with its real cause. */
    private static final Duration SEND_FAILURE_GRACE = Duration.ofSeconds(1);

    protected final ReentrantLock lock = new ReentrantLock();
    protected final ScheduledExecutorService timers;
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String provider;
    private final String callSid;
    private final SpeechListener listener;
    private final Duration stallTimeout;
    private final PingWatch pingWatch;
    private final OutgoingAudio audio;
    private final WholeTextMessages messages = new WholeTextMessages();

    private WebSocket socket;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private boolean closed;
    private boolean failed;
    private ScheduledFuture<?> liveness;
    private volatile long lastHeardNanos;

    /**
     * @param provider     the provider's name as people read it in logs and failures ("Deepgram")
     * @param timers       the application's provider timers: failures are reported off the caller's thread
     * @param stallTimeout how long a ping may go unanswered, with nothing else heard, before the stream is stalled
     * @param audioLimitBytes how much of the caller's audio may wait for the socket, and as much be in flight on it
     */
    protected RecognitionSocket(String provider, String callSid, SpeechListener listener,
                                ScheduledExecutorService timers, Duration stallTimeout, int audioLimitBytes) {
        this.provider = provider;
        this.callSid = callSid;
        this.listener = listener;
        this.timers = timers;
        this.stallTimeout = stallTimeout;
        this.pingWatch = new PingWatch(stallTimeout);
        this.audio = new OutgoingAudio(provider.toLowerCase(Locale.ROOT), audioLimitBytes, this::sendAudioNow);
    }

    // --- what each provider supplies ---

    /** Sends one chunk of the caller's audio in the provider's format. Called with the lock held, the socket open. */
    protected abstract CompletableFuture<?> sendAudioMessage(byte[] chunk);

    /** The socket just opened and the audio that waited for it is on its way. Called with the lock held. */
    protected void opened() {
    }

    /** The stream closed or failed: stop the provider's timers. Called with the lock held. */
    protected void stopped() {
    }

    /** One whole text message from the server. Called on the socket's reader, without the lock. */
    protected abstract void onMessage(String message);

    /** The server closed a socket we did not ask it to close. */
    protected abstract SpeechEvent.Failure closedByServer(int statusCode, String reason);

    /** A transport error on the open stream, or a send that failed. */
    protected abstract SpeechEvent.Failure transportFailure(Throwable error);

    /**
     * How long a transport error waits before it fails the stream: a provider that states its reason in a message
     * and then closes needs the reason to win the race (a rate limit is not a lost connection).
     */
    protected Duration transportErrorGrace() {
        return Duration.ZERO;
    }

    /** {@link #close()} with the socket open: by default the socket is closed at once. Called with the lock held. */
    protected void sayGoodbye() {
        closeSocket();
    }

    // --- connecting, called by the provider's SpeechToText ---

    /**
     * Connects in the background. A refused or failed connect fails the stream, and counts against the breaker
     * unless the provider refused our own request (a bad setting is not their outage). The builder's connect timeout
     * bounds the whole opening handshake, the upgrade's answer included.
     */
    public final void connect(WebSocket.Builder builder, URI uri, CircuitBreaker breaker,
                              Function<Throwable, SpeechEvent.Failure> connectFailure) {
        if (!breaker.tryAcquirePermission()) {
            // Recoverable: the breaker closes again on its own; a wrapper may fall back meanwhile.
            failSoon(new SpeechEvent.Failure(Kind.UNAVAILABLE,
                    provider + " circuit breaker is open after repeated connection failures", true));
            return;
        }
        long start = System.nanoTime();
        builder.buildAsync(uri, this).whenComplete((opened, error) -> {
            long elapsed = System.nanoTime() - start;
            if (error == null) {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                return;
            }
            Throwable cause = unwrap(error);
            SpeechEvent.Failure failure = connectFailure.apply(cause);
            if (failure.kind() == Kind.BAD_REQUEST) {
                breaker.releasePermission();
            } else {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, cause);
            }
            fail(failure);
        });
    }

    /** Fails the stream from a timer thread, so that {@code open()} never calls the listener before it returns. */
    public final void failSoon(SpeechEvent.Failure failure) {
        timers.execute(() -> fail(failure));
    }

    /** Fails the stream and reports it once, unless it was closed or failed already. */
    public final void fail(SpeechEvent.Failure failure) {
        WebSocket toAbort;
        lock.lock();
        try {
            if (closed || failed) {
                return;
            }
            failed = true;
            stopLiveness();
            audio.clear();
            stopped();
            toAbort = socket;
            log.warn("{} stream failed call={} kind={} recoverable={}: {}", provider, callSid, failure.kind(),
                    failure.recoverable(), failure.message());
            listener.onEvent(failure);
        } finally {
            lock.unlock();
        }
        if (toAbort != null) {
            toAbort.abort();
        }
    }

    @Override
    public final void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stopLiveness();
            audio.clear();
            stopped();
            if (!failed && socket != null) {
                sayGoodbye();
            }
        } finally {
            lock.unlock();
        }
    }

    // --- for the provider's stream ---

    /** Hands a chunk of the caller's audio to the socket, or keeps it waiting (bounded). Call with the lock held. */
    protected final void offerAudio(byte[] chunk) {
        if (isLive()) {
            audio.offer(chunk, isOpen());
        }
    }

    /**
     * Sends a message that must follow the audio offered before it (a "finalise now"), once that audio has gone.
     * Call with the lock held.
     */
    protected final void sendAfterAudio(Runnable send) {
        if (isLive()) {
            audio.sendAfterWaitingAudio(send, isOpen());
        }
    }

    /** Whether the stream may still send and deliver. Call with the lock held. */
    protected final boolean isLive() {
        return !closed && !failed;
    }

    /** Whether the stream is live and its socket open. Call with the lock held. */
    protected final boolean isOpen() {
        return isLive() && socket != null;
    }

    protected final boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Delivers a recognition event unless the stream has closed or failed. */
    protected final void emit(SpeechEvent event) {
        lock.lock();
        try {
            if (isLive()) {
                listener.onEvent(event);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends a text message once the sends before it are done. Call with the lock held and the socket open. */
    protected final CompletableFuture<?> sendText(String text) {
        return send(ws -> ws.sendText(text, true));
    }

    /** Sends a binary message once the sends before it are done. Call with the lock held and the socket open. */
    protected final CompletableFuture<?> sendBinary(byte[] data) {
        return send(ws -> ws.sendBinary(ByteBuffer.wrap(data), true));
    }

    /** Closes the socket politely after the sends before it, then aborts it. */
    protected final void closeSocket() {
        lock.lock();
        try {
            WebSocket ws = socket;
            if (ws == null) {
                return;
            }
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

    // --- WebSocket.Listener ---

    @Override
    public final void onOpen(WebSocket webSocket) {
        lock.lock();
        try {
            if (!isLive()) {
                webSocket.abort();
                return;
            }
            socket = webSocket;
            lastHeardNanos = System.nanoTime();
            long tick = Math.max(10, stallTimeout.toMillis() / 3);
            liveness = timers.scheduleAtFixedRate(this::checkLiveness, tick, tick, TimeUnit.MILLISECONDS);
            audio.drain();
            opened();
        } finally {
            lock.unlock();
        }
        webSocket.request(1);
    }

    @Override
    public final CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastHeardNanos = System.nanoTime();
        String message = messages.add(data, last);
        if (message != null) {
            onMessage(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        lastHeardNanos = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!isClosed()) {
            fail(closedByServer(statusCode, reason));
        }
        return null;
    }

    @Override
    public final void onError(WebSocket webSocket, Throwable error) {
        SpeechEvent.Failure failure = transportFailure(error);
        failAfter(transportErrorGrace(), failure);
    }

    /** The JDK WebSocket allows one outstanding send, so sends are chained. Call with the lock held. */
    private CompletableFuture<?> send(Function<WebSocket, CompletableFuture<WebSocket>> op) {
        WebSocket ws = socket;
        sendChain = sendChain.handle((ignored, error) -> null).thenCompose(ignored -> op.apply(ws));
        sendChain.whenComplete((ignored, error) -> {
            if (error != null && !isClosed()) {
                // only speak for the failed send if the reader stays silent about the real cause (e.g. NET-0001)
                failAfter(SEND_FAILURE_GRACE, transportFailure(unwrap(error)));
            }
        });
        return sendChain;
    }

    /** Call with the lock held and the socket open. */
    private void sendAudioNow(byte[] chunk) {
        sendAudioMessage(chunk).whenComplete((ignored, error) -> onAudioSent(chunk.length));
    }

    private void onAudioSent(int length) {
        lock.lock();
        try {
            audio.sent(length);
            if (isOpen()) {
                audio.drain();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Pings an open stream, and fails it when the server has answered nothing for the stall timeout since a ping. */
    private void checkLiveness() {
        PingWatch.Step step;
        lock.lock();
        try {
            if (!isOpen()) {
                return;
            }
            step = pingWatch.next(System.nanoTime(), lastHeardNanos);
            if (step == PingWatch.Step.SEND_PING) {
                send(ws -> ws.sendPing(ByteBuffer.allocate(0)));
            }
        } finally {
            lock.unlock();
        }
        if (step == PingWatch.Step.STALLED) {
            fail(new SpeechEvent.Failure(Kind.TIMEOUT, provider + " stopped answering: a ping went unanswered for "
                    + stallTimeout.toMillis() + " ms", true));
        }
    }

    /** Call with the lock held. */
    private void stopLiveness() {
        if (liveness != null) {
            liveness.cancel(false);
        }
    }

    private void failAfter(Duration grace, SpeechEvent.Failure failure) {
        if (grace.isZero()) {
            fail(failure);
        } else {
            timers.schedule(() -> fail(failure), grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
