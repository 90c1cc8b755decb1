package dev.vaani.call;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A rolling deploy drops no conversation. On SIGTERM (context close), before the web server stops: readiness turns
 * to REFUSING_TRAFFIC at once, the dialer pauses and {@code /media} refuses new streams; live calls may go on for
 * {@code vaani.durability.drain} (SHUTDOWN_DRAIN_MINUTES, default the maximum call length); then the ones still live
 * are wrapped up politely (the goodbye is played and heard), and the process exits only once every ended call's record
 * is written. The highest phase makes this the first lifecycle to stop, while the web server still serves the calls.
 */
@Component
class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);
    /** After the wrap-up: the goodbye plays, its mark comes back (LiveCall's own hang-up timer is shorter). */
    private static final Duration WRAP_UP_LIMIT = Duration.ofSeconds(30);
    private static final Duration WRITE_LIMIT = Duration.ofSeconds(30);

    private final LiveCalls calls;
    private final CallRecordWriter writer;
    private final DurabilityProperties settings;
    private final ApplicationEventPublisher events;
    private volatile boolean running;

    ShutdownDrain(LiveCalls calls, CallRecordWriter writer, DurabilityProperties settings,
                  ApplicationEventPublisher events) {
        this.calls = calls;
        this.writer = writer;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Blocks until drained: the lifecycle phase timeout does not cut a synchronous stop short. */
    @Override
    public void stop() {
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        calls.startDraining();
        try {
            if (calls.liveCount() > 0) {
                log.info("Shutting down: {} live call(s) may finish within {}", calls.liveCount(), settings.drain());
                if (!calls.awaitNoLiveCalls(settings.drain())) {
                    log.info("Shutting down: wrapping up {} call(s) still live", calls.liveCount());
                    calls.wrapUpAll("the server is shutting down");
                    if (!calls.awaitNoLiveCalls(WRAP_UP_LIMIT)) {
                        log.warn("Shutting down: {} call(s) did not hang up in time; ending them", calls.liveCount());
                    }
                }
            }
            if (!writer.awaitEndedWritten(WRITE_LIMIT)) {
                log.warn("Shutting down with {} call record write(s) not in PostgreSQL; Redis keeps them for the "
                        + "reconciler", writer.pending());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
