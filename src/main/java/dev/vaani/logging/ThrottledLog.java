package dev.vaani.logging;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * A log line that whoever sends requests can cause, so it is written at most once per interval: a flood of them
 * costs one line a minute, not one per request. The lines not written are counted and the count is told with the
 * next line written. Whatever counts every event (a metric) stays with the caller; this only spares the log.
 * A package of its own, below every capability, like privacy.
 */
public final class ThrottledLog {

    private final Logger log;
    private final Level level;
    private final long intervalNanos;
    private final LongSupplier nanoTime;

    private boolean written;
    private long lastWritten;
    private long skipped;

    public ThrottledLog(Logger log, Level level, Duration interval) {
        this(log, level, interval, System::nanoTime);
    }

    /** With a clock of the caller's, for tests that move time instead of waiting. */
    public ThrottledLog(Logger log, Level level, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.level = level;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Writes the line (SLF4J's {} placeholders) unless one was written less than an interval ago; then it is only
     * counted. A line written after some were skipped ends with how many.
     */
    public void log(String format, Object... arguments) {
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        long skippedBefore;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (written && now - lastWritten < intervalNanos) {
                skipped++;
                return;
            }
            written = true;
            lastWritten = now;
            skippedBefore = skipped;
            skipped = 0;
        }
        if (skippedBefore == 0) {
            log.atLevel(level).log(format, arguments);
        } else {
            Object[] withCount = Arrays.copyOf(arguments, arguments.length + 1);
            withCount[arguments.length] = skippedBefore;
            log.atLevel(level).log(format + " ({} more like this since the last one logged)", withCount);
        }
    }
}
