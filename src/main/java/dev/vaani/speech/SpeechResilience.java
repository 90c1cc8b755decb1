package dev.vaani.speech;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/**
 * The cloud speech providers' retry and circuit-breaker policies, one of each kind, every provider's under its own
 * name.
 */
public final class SpeechResilience {

    /** The first wait before a sentence is tried again, in production. */
    public static final Duration SYNTHESIS_BACKOFF = Duration.ofMillis(200);

    private SpeechResilience() {
    }

    /** A sentence: 3 attempts in all, backing off exponentially from {@code initialBackoff}, on retryable failures. */
    public static Retry synthesisRetry(String name, Duration initialBackoff) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(initialBackoff, 2.0))
                .retryOnException(e -> e instanceof SpeechFailure failure && failure.retryable())
                .build());
    }

    /**
     * A voice: opens when half of the last 10 sentences (at least 5) failed on the provider's side; probes after
     * 30 s. A bad sentence is our problem, not the provider's: only outages and auth problems count.
     */
    public static CircuitBreaker synthesisBreaker(String name) {
        return CircuitBreaker.of(name, halfOfTheLastTen()
                .recordException(e -> e instanceof SpeechFailure failure
                        && (failure.retryable() || failure.kind() == SpeechFailure.Kind.UNAUTHORIZED))
                .build());
    }

    /**
     * A recogniser's streaming connections: opens after 5 failed connects of the last 10 (at least 5 tried); one probe
     * after 30 s. The provider tells its breaker which failures were its own.
     */
    public static CircuitBreaker connectionBreaker(String name) {
        return CircuitBreaker.of(name, halfOfTheLastTen().permittedNumberOfCallsInHalfOpenState(1).build());
    }

    /** Open when half of the last 10 (at least 5 seen) failed; probe again after 30 s. */
    private static CircuitBreakerConfig.Builder halfOfTheLastTen() {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30));
    }
}
