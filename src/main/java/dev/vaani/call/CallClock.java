package dev.vaani.call;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time as a live call sees it: a millisecond clock and timers (fillers, the reply watchdog, pacing wake-ups, the
 * maximum duration, the hang-up). Injected, so the call's timing can be tested on a virtual clock in milliseconds.
 */
public interface CallClock {

    /** Monotonic milliseconds; only differences mean anything. */
    long nowMs();

    /** Runs {@code task} once, {@code delayMs} from now, on the clock's thread (the task hands itself to the call). */
    Timer schedule(long delayMs, Runnable task);

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Timer {
        /** Cancels the task if it has not started; harmless afterwards. */
        void cancel();
    }

    /** The process's monotonic clock, with timers on the given scheduler. */
    static CallClock system(ScheduledExecutorService timers) {
        return new CallClock() {
            @Override
            public long nowMs() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public Timer schedule(long delayMs, Runnable task) {
                ScheduledFuture<?> future = timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
