package dev.vaani.conversation.openai;

import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.openai.LlmFailure.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed completion with its retries. The reading thread blocks on the response body; cancel and the
 * stall watchdog abort it by closing the body and interrupting the thread (which also aborts a pending send).
 */
final class StreamingExchange implements ChatStream {

    private static final Logger log = LoggerFactory.getLogger(StreamingExchange.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpClient http;
    private final URI endpoint;
    private final OpenAiSettings settings;
    private final byte[] body;
    private final JsonMapper json;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final ScheduledExecutorService timer;
    private final ChatStreamListener listener;

    /** Guards listener calls so that none can run after cancel() returns. */
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private boolean closed;
    private volatile boolean cancelled;
    private volatile boolean delivered;

    private volatile Thread worker;
    private volatile InputStream currentBody;
    private volatile long deadlineNanos;
    /** When this attempt's whole answer must be over, however steadily it streams. */
    private volatile long replyDeadlineNanos;
    private volatile String stallReason;
    private volatile String timedOut;
    private volatile boolean attemptOver;
    private volatile ScheduledFuture<?> watchdog;

    StreamingExchange(HttpClient http, URI endpoint, OpenAiSettings settings, byte[] body, JsonMapper json,
                      Retry retry, CircuitBreaker breaker, ScheduledExecutorService timer,
                      ChatStreamListener listener) {
        this.http = http;
        this.endpoint = endpoint;
        this.settings = settings;
        this.body = body;
        this.json = json;
        this.retry = retry;
        this.breaker = breaker;
        this.timer = timer;
        this.listener = listener;
    }

    void start() {
        worker = Thread.ofVirtual().name("openai-stream").start(this::run);
    }

    @Override
    public void cancel() {
        deliveryLock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            closed = true;
        } finally {
            deliveryLock.unlock();
        }
        abortAttempt();
    }

    private void run() {
        if (!breaker.tryAcquirePermission()) {
            finishWithError(new LlmFailure(Kind.UNAVAILABLE, "OpenAI circuit breaker is open"));
            return;
        }
        long started = System.nanoTime();
        try {
            CompletionStreamParser.End end = retry.executeCheckedSupplier(this::attempt);
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            deliver(() -> listener.onComplete(end.finishReason(), end.usage()), true);
        } catch (Throwable t) {
            if (cancelled) {
                breaker.releasePermission();
                return;
            }
            LlmFailure failure = switch (t) {
                case LlmFailure f -> f;
                // a key with a line break or a URL that is no URL: the JDK's text (and so the cause) quotes the header
                case IllegalArgumentException unsendable -> new LlmFailure(Kind.BAD_REQUEST,
                        "OpenAI request cannot be sent: the configured key or URL is malformed ("
                                + unsendable.getClass().getSimpleName() + ")");
                default -> new LlmFailure(Kind.CONNECTION_LOST, "OpenAI request failed: " + t, null, null, delivered,
                        t);
            };
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
            log.warn("OpenAI stream failed: {}", failure.toString());
            finishWithError(failure);
        }
    }

    private CompletionStreamParser.End attempt() throws IOException {
        if (cancelled) {
            throw new Cancelled();
        }
        Thread.interrupted(); // a stale interrupt from the previous attempt's watchdog must not abort this one
        timedOut = null;
        attemptOver = false;
        replyDeadlineNanos = System.nanoTime() + settings.replyTimeout().toNanos();
        armWatchdog(settings.firstTokenTimeout(), "no first token within " + settings.firstTokenTimeout());
        String requestId = null;
        try {
            HttpResponse<InputStream> response = http.send(request(), HttpResponse.BodyHandlers.ofInputStream());
            currentBody = response.body();
            requestId = response.headers().firstValue("x-request-id").orElse(null);
            if (cancelled || timedOut != null) {
                throw new IOException("aborted");
            }
            if (response.statusCode() != 200) {
                byte[] error;
                try (InputStream in = response.body()) {
                    error = in.readNBytes(MAX_ERROR_BODY);
                }
                throw OpenAiErrors.fromHttp(response.statusCode(), error, response.headers(), json);
            }
            var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            return new CompletionStreamParser(json, new Sink(), requestId).read(reader);
        } catch (LlmFailure failure) {
            throw delivered ? failure.markedAfterContent() : failure;
        } catch (HttpConnectTimeoutException e) {
            throw new LlmFailure(Kind.TIMEOUT, "connect to OpenAI timed out", null, null, false, e);
        } catch (IOException | InterruptedException e) {
            if (cancelled) {
                throw new Cancelled();
            }
            Thread.interrupted();
            String timeout = timedOut;
            if (timeout != null) {
                throw new LlmFailure(Kind.TIMEOUT, timeout, requestId, null, delivered, e);
            }
            throw new LlmFailure(Kind.CONNECTION_LOST, "connection to OpenAI lost: " + e.getMessage(), requestId,
                    null, delivered, e);
        } finally {
            attemptOver = true;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            closeBody();
        }
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private void armWatchdog(java.time.Duration limit, String reason) {
        stallReason = reason;
        deadlineNanos = System.nanoTime() + limit.toNanos();
        watchdog = timer.schedule(this::checkDeadline, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void checkDeadline() {
        if (attemptOver || cancelled) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            watchdog = timer.schedule(this::checkDeadline, left, TimeUnit.NANOSECONDS);
            return;
        }
        timedOut = stallReason;
        abortAttempt();
    }

    private void abortAttempt() {
        closeBody();
        Thread t = worker;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    private void closeBody() {
        InputStream in = currentBody;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already broken; nothing to release
            }
        }
    }

    private void finishWithError(LlmFailure failure) {
        deliver(() -> listener.onError(failure), true);
    }

    private void deliver(Runnable call, boolean last) {
        deliveryLock.lock();
        try {
            if (closed) {
                return;
            }
            if (last) {
                closed = true;
            } else {
                delivered = true;
            }
            call.run();
        } catch (RuntimeException e) {
            log.warn("chat stream listener threw", e);
        } finally {
            deliveryLock.unlock();
        }
    }

    /** Ends an attempt after cancel(); not an LlmFailure, so never retried. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Moves the stall deadline as events arrive and forwards the answer. */
    private final class Sink implements CompletionStreamParser.Sink {
        private boolean answering;

        @Override
        public void onEvent() {
            if (answering) {
                moveDeadline();
            }
        }

        @Override
        public void onFirstToken() {
            answering = true;
            moveDeadline();
        }

        /** The next chunk is due within the idle timeout, and the answer over by its own deadline. */
        private void moveDeadline() {
            long idle = System.nanoTime() + settings.idleTimeout().toNanos();
            if (idle - replyDeadlineNanos >= 0) {
                stallReason = "OpenAI answer still streaming after " + settings.replyTimeout();
                deadlineNanos = replyDeadlineNanos;
            } else {
                stallReason = "OpenAI stream stalled for " + settings.idleTimeout();
                deadlineNanos = idle;
            }
        }

        @Override
        public void onContent(String delta) {
            deliver(() -> listener.onContent(delta), false);
        }

        @Override
        public void onToolCalls(List<ToolCall> calls) {
            deliver(() -> listener.onToolCalls(calls), false);
        }
    }
}
