package dev.vaani.conversation.openai;

import tools.jackson.databind.json.JsonMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Streams Chat Completions over plain java.net.http and server-sent events: no SDK, so the wire behaviour
 * (timeouts to first token, retry only before anything was delivered, cancel on barge-in) is ours to control.
 *
 * <p>Each {@link #streamChat} runs on its own virtual thread. Failures before the first delivered token are retried
 * (Resilience4j Retry, exponential backoff, the server's retry-after honoured up to a cap) when their kind is
 * transient; a circuit breaker fails fast while OpenAI keeps failing, so calls fall back quickly.
 */
public final class OpenAiChatClient implements AutoCloseable {

    private final OpenAiSettings settings;
    private final HttpClient http;
    private final JsonMapper json;
    private final ChatRequestWriter writer;
    private final URI endpoint;
    private final Retry retry;
    private final CircuitBreaker breaker;
    /** The application's provider timers (the first-token and stream deadlines): shared, not owned, not stopped here. */
    private final ScheduledExecutorService timers;

    public OpenAiChatClient(OpenAiSettings settings, ScheduledExecutorService timers) {
        this(settings, CircuitBreaker.of("openai", defaultBreakerConfig()), timers);
    }

    public OpenAiChatClient(OpenAiSettings settings, CircuitBreaker breaker, ScheduledExecutorService timers) {
        this.settings = settings;
        this.breaker = breaker;
        this.timers = timers;
        this.json = new JsonMapper();
        this.writer = new ChatRequestWriter(json, settings);
        this.endpoint = URI.create(settings.baseUrl() + "/chat/completions");
        // Plain-http endpoints (a local fake, a proxy on loopback) speak HTTP/1.1; skip the h2c upgrade dance.
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(endpoint.getScheme().equals("https") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
        this.retry = Retry.of("openai", retryConfig(settings));
    }

    /** Starts a streamed completion; returns at once. The listener hears the outcome on a virtual thread. */
    public ChatStream streamChat(ChatRequest request, ChatStreamListener listener) {
        var exchange = new StreamingExchange(http, endpoint, settings, writer.write(request), json, retry, breaker,
                timers, listener);
        exchange.start();
        return exchange;
    }

    public OpenAiSettings settings() {
        return settings;
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public void close() {
        http.close();
    }

    /** Opens after half of the last 20 calls failed (at least 10 seen), probes again after 30 s. */
    public static CircuitBreakerConfig defaultBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                // One conversation's malformed request says nothing about OpenAI's health.
                .recordException(e -> e instanceof LlmFailure f && f.kind() != LlmFailure.Kind.BAD_REQUEST)
                .build();
    }

    private static RetryConfig retryConfig(OpenAiSettings settings) {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxRetryWait().toMillis();
        return RetryConfig.<Object>custom()
                .maxAttempts(settings.retriesBeforeFirstToken() + 1)
                .retryOnException(e -> e instanceof LlmFailure f && f.retryable() && !f.afterContent())
                .intervalBiFunction((attempt, outcome) -> {
                    long backoff = initial << Math.min(attempt - 1, 10);
                    if (outcome.isLeft() && outcome.getLeft() instanceof LlmFailure f && f.retryAfter() != null) {
                        backoff = f.retryAfter().toMillis();
                    }
                    return Math.min(backoff, cap);
                })
                .build();
    }
}
