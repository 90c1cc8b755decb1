package dev.vaani.call;

import java.util.function.BooleanSupplier;

/**
 * A {@link BotReply}'s filler timer and watchdog: the filler masks an answer that is late, the watchdog stops an
 * answer with no audio in time so that the call can apologise. Runs on the call's serial executor, as its reply does.
 */
final class ReplyWatch {

    /**
     * An agent that acted (saved what the caller said, booked a call back) before saying anything is at work, not
     * stuck: an LLM's tool call comes back without text, and its words take a second request. Each action, up to
     * {@link #WATCHDOG_RENEWALS}, gives the reply a fresh watchdog rather than an apology for an answer that was heard.
     */
    static final int WATCHDOG_RENEWALS = 2;

    private final BotReply.Timers timers;
    private final long watchdogMs;
    /** Whether the reply still waits for the first audio of its answer (a filler may be playing: not the answer). */
    private final BooleanSupplier waitingForAudio;
    private final Runnable tooSlow;
    private final CallClock.Timer filler;
    private CallClock.Timer watchdog;
    private int renewed;

    /**
     * @param fillerDelayMs {@code < 0}: no filler
     * @param producing     whether the reply's text or audio is still coming: a filler is due only then
     * @param tooSlow       the watchdog ran out while the reply waited for audio
     */
    ReplyWatch(BotReply.Timers timers, long fillerDelayMs, long watchdogMs, BooleanSupplier producing,
               BooleanSupplier waitingForAudio, Runnable fillerDue, Runnable tooSlow) {
        this.timers = timers;
        this.watchdogMs = watchdogMs;
        this.waitingForAudio = waitingForAudio;
        this.tooSlow = tooSlow;
        this.filler = fillerDelayMs < 0 ? null : timers.schedule(fillerDelayMs, () -> {
            if (producing.getAsBoolean()) {
                fillerDue.run();
            }
        });
        arm();
    }

    private void arm() {
        watchdog = timers.schedule(watchdogMs, () -> {
            if (waitingForAudio.getAsBoolean()) {
                tooSlow.run();
            }
        });
    }

    /** The agent acted before it said anything: a fresh watchdog, a few times. */
    void renewAfterAnAction() {
        if (waitingForAudio.getAsBoolean() && renewed < WATCHDOG_RENEWALS) {
            renewed++;
            watchdog.cancel();
            arm();
        }
    }

    /** The answer's audio came, or the answer is complete: nothing more to watch for. */
    void stopWatchdog() {
        watchdog.cancel();
    }

    void stop() {
        if (filler != null) {
            filler.cancel();
        }
        watchdog.cancel();
    }
}
