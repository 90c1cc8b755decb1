package dev.vaani.speech;

import java.time.Duration;

/**
 * Whether a live stream's server still answers: one WebSocket ping at a time, and how long it has gone unanswered.
 * Anything heard from the server after a ping (its pong, or a result) answers it. Pure: the caller gives the times
 * (System.nanoTime), so it is tested on a virtual clock. Not thread-safe: its stream calls it under its lock.
 */
final class PingWatch {

    enum Step { SEND_PING, WAIT, STALLED }

    private final long stallNanos;
    private boolean pingUnanswered;
    private long pingSentNanos;

    PingWatch(Duration stallTimeout) {
        this.stallNanos = stallTimeout.toNanos();
    }

    /** What to do at this tick, given when the server was last heard from. */
    Step next(long nowNanos, long lastHeardNanos) {
        if (pingUnanswered && lastHeardNanos - pingSentNanos >= 0) {
            pingUnanswered = false;
        }
        if (!pingUnanswered) {
            pingUnanswered = true;
            pingSentNanos = nowNanos;
            return Step.SEND_PING;
        }
        return nowNanos - pingSentNanos >= stallNanos ? Step.STALLED : Step.WAIT;
    }
}
