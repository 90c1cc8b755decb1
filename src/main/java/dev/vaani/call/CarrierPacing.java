package dev.vaani.call;

/**
 * When the next chunk of the bot's audio may go to the carrier: in real time, at most the lead ahead of what the
 * caller hears, so that a {@code clear} can still take back what has not been played. Between marks the carrier says
 * nothing of what it has played, so its buffer is counted here: a playback session starts when audio goes out after
 * the buffer ran dry, and within it the milliseconds sent less the milliseconds passed are what is still buffered.
 *
 * <p>Not thread-safe: its {@link OutboundPlayer} drives it from the call's serial executor.
 */
final class CarrierPacing {

    private final int leadMs;
    private final OutboundPlayer.Waker waker;
    private long sessionStartMs = -1;
    private long sentMs;
    private boolean wakeScheduled;

    CarrierPacing(int leadMs, OutboundPlayer.Waker waker) {
        this.leadMs = leadMs;
        this.waker = waker;
    }

    /** A pump has begun: the wake-up asked for before it may be the one running it, so a wait may ask anew. */
    void pumpStarted() {
        wakeScheduled = false;
    }

    void startSessionIfPlayedOut(long nowMs) {
        if (sessionStartMs < 0 || nowMs - sessionStartMs >= sentMs) {
            // the carrier has played everything we sent: a new playback session starts now
            sessionStartMs = nowMs;
            sentMs = 0;
        }
    }

    /**
     * Whether a chunk of {@code chunkMs} may go at {@code nowMs}; if it would leave the carrier more than the lead
     * ahead, it waits, and the player is woken once it fits.
     */
    boolean mayGo(long nowMs, long chunkMs) {
        long aheadMs = sentMs - (nowMs - sessionStartMs);
        if (aheadMs > 0 && aheadMs + chunkMs > leadMs) {
            scheduleWake(aheadMs + chunkMs - leadMs);
            return false;
        }
        return true;
    }

    void sent(long chunkMs) {
        sentMs += chunkMs;
    }

    /** Whether nothing has been sent since the carrier last ran dry. */
    boolean sessionEmpty() {
        return sentMs == 0;
    }

    /** When, on the call's clock, the audio sent so far will have played: the next chunk starts playing then. */
    long playedOutAtMs() {
        return sessionStartMs + sentMs;
    }

    /** The carrier's buffer was cleared: whatever goes next starts a new session. */
    void reset() {
        sessionStartMs = -1;
        sentMs = 0;
    }

    private void scheduleWake(long millis) {
        if (!wakeScheduled) {
            wakeScheduled = true;
            waker.wakeMeIn(millis);
        }
    }
}
