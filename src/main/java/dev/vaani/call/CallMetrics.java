package dev.vaani.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Call-level metrics exposed at /actuator/prometheus. */
@Component
public class CallMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger liveCalls = new AtomicInteger();
    private final Counter bargeIns;
    private final Counter bargeInPauses;
    private final Counter fillers;
    private final Counter providerFailures;
    private final Counter calls;

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("vaani.calls.live", liveCalls);
        this.calls = registry.counter("vaani.calls.started");
        this.bargeIns = registry.counter("vaani.call.barge_ins");
        this.bargeInPauses = registry.counter("vaani.call.barge_in_pauses");
        this.fillers = registry.counter("vaani.call.fillers");
        this.providerFailures = registry.counter("vaani.call.provider_failures");
    }

    public void callStarted() {
        calls.increment();
        liveCalls.incrementAndGet();
    }

    public void callEnded() {
        liveCalls.decrementAndGet();
    }

    public int liveCalls() {
        return liveCalls.get();
    }

    public void bargeIn() {
        bargeIns.increment();
    }

    public void bargeInPaused() {
        bargeInPauses.increment();
    }

    public void fillerPlayed() {
        fillers.increment();
    }

    public void providerFailure() {
        providerFailures.increment();
    }

    /** A call that started without PostgreSQL's answer: from its placement's context, or to hear the trouble goodbye. */
    public void callStartedWithoutDatabase() {
        registry.counter("vaani.calls.started_without_database").increment();
    }

    /** A media stream refused before it became a call: live, ended, capacity, invalid (a start we do not take). */
    public void callRefused(String reason) {
        registry.counter("vaani.calls.refused", "reason", reason).increment();
    }

    /** A media stream refused at its WebSocket handshake, before anything else: unauthorized, sample_rate. */
    public void handshakeRefused(String reason) {
        registry.counter("vaani.media.handshakes.refused", "reason", reason).increment();
    }

    /** A stream's identity parameter we did not believe: unsigned, malformed, tampered, expired, other_call. */
    public void identityRefused(String reason) {
        registry.counter("vaani.call.identity.refused", "reason", reason).increment();
    }

    /** Caller audio dropped (oldest first) because a per-call queue was full, by queue. */
    public void audioDropped(String queue, int bytes) {
        registry.counter("vaani.call.audio.dropped.bytes", "queue", queue).increment(bytes);
    }

    /** A recording URL from Exotel (callback or call details) that was no absolute https URL, so not kept. */
    public void recordingUrlDropped() {
        registry.counter("vaani.call.recording_url.dropped").increment();
    }

    /** A malformed or illegal frame from Exotel, by reason class. */
    public void frameRejected(String reason) {
        registry.counter("vaani.exotel.frames.rejected", "reason", reason).increment();
    }

    /** One stage of a turn: caller stopped → llm_first_token / tts_first_audio / first_audio_sent. */
    public void turnStage(String stage, Duration sinceCallerStopped) {
        Timer.builder("vaani.turn.latency").tag("stage", stage).publishPercentileHistogram()
                .register(registry).record(sinceCallerStopped);
    }
}
